// How alike two articles' stories are, from their words: two reports of one
// earthquake share "magnitude", "epicentre", the town and the victims' names,
// while a report of another earthquake shares only the first. Event resolution
// uses it to tell one event told by several articles from a similar event
// elsewhere or at another time. Pure functions; thread-safe.
#pragma once
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <utility>
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

}  // namespace chronicle::resolve

namespace chronicle::resolve {

// The story words of many documents, indexed by word, to find every document
// of a story at once: the cost is the length of the word lists of one document's
// words, not one comparison per pair of documents. Not thread-safe.
class StoryIndex {
 public:
  // Adds (or replaces) a document's words.
  void add(int64_t document, StoryWords words);
  void remove(int64_t document);
  bool contains(int64_t document) const { return slot_of_.count(document) != 0; }
  size_t size() const { return slot_of_.size(); }
  // The other indexed documents whose story_similarity with `document` is at
  // least `floor` (> 0), with that similarity; empty when `document` is not indexed.
  std::vector<std::pair<int64_t, double>> similar(int64_t document, double floor) const;

 private:
  struct Slot {
    int64_t document = 0;  // 0: free
    StoryWords words;
  };
  std::vector<Slot> slots_;
  std::vector<uint32_t> free_;
  std::unordered_map<int64_t, uint32_t> slot_of_;
  std::unordered_map<uint64_t, std::vector<uint32_t>> postings_;  // word -> slots holding it
  mutable std::vector<uint32_t> counts_;                          // scratch for similar()
};

// The neighbours (StoryIndex::similar at a floor) of the documents added since
// the last clear(), found as each is added: a pair is found by the later of its
// two documents, against an index that is smaller then, and recorded on both
// sides. An ingest batch finds its documents' stories this way while it stores
// them, instead of when it resolves them. Not thread-safe.
class StoryNeighbours {
 public:
  using List = std::vector<std::pair<int64_t, double>>;  // document, similarity; in no particular order
  explicit StoryNeighbours(double floor) : floor_(floor) {}
  // Adds (or replaces) a document in `index` and finds its neighbours there.
  void add(StoryIndex& index, int64_t document, StoryWords words);
  // Removes a document from `index` and from the neighbours found.
  void remove(StoryIndex& index, int64_t document);
  // What index.similar(document, floor) gives now, for a document added since
  // the last clear() (and not removed); null for any other.
  const List* of(int64_t document) const;
  void clear() { found_.clear(); }

 private:
  double floor_;
  std::unordered_map<int64_t, List> found_;
};

}  // namespace chronicle::resolve
