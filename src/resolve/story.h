// How alike two articles' stories are, from their words: two reports of one
// earthquake share "magnitude", "epicentre", the town and the victims' names,
// while a report of another earthquake shares only the first. Event resolution
// uses it to tell one event told by several articles from a similar event
// elsewhere or at another time. Pure functions; thread-safe.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace chronicle::resolve {

// The distinct words of a text that can tell stories apart, as sorted hashes:
// lower-cased, at least three letters, no stop word (data/story_stop_words.txt),
// cut to their first six letters so that "arrested" and "arrests" agree.
using StoryWords = std::vector<uint64_t>;
StoryWords story_words(std::string_view text);

// The cosine of two word sets: shared words / sqrt(|a| * |b|), 0..1; 0 when
// either is empty.
double story_similarity(const StoryWords& a, const StoryWords& b);
// story_similarity when it is at least `floor`, else some value below `floor`
// (the comparison stops as soon as `floor` is out of reach).
double story_similarity_from(const StoryWords& a, const StoryWords& b, double floor);

}  // namespace chronicle::resolve
