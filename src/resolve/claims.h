// Cross-document claim matching: the same quotation or report carried by
// several outlets with small wording differences ("wiggle" / "wriggle",
// "It's" / "It is", "Zelenskiy" / "Zelensky") is one claim; two claims of one
// speaker that differ in negation or in most of their words are not.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace chronicle::resolve {

// The words of a claim's content, case-folded, apostrophes unified,
// punctuation dropped.
std::vector<std::string> claim_words(std::string_view content);

// Dice coefficient over the two word multisets, where words also match when
// they differ by one edit or share their first five letters (both at least
// that long): 1 for the same words, 0 for none in common.
double claim_similarity(const std::vector<std::string>& a, const std::vector<std::string>& b);

// Whether two claims of the same speaker say the same thing: at least
// kMinWords words each, similarity >= kSameClaim, and the same polarity
// (both or neither negated).
inline constexpr size_t kMinWords = 4;
inline constexpr double kSameClaim = 0.6;
bool same_claim(const std::vector<std::string>& a, const std::vector<std::string>& b);

// Whether two words match: equal, or both at least four letters long and one
// edit apart or sharing their first five letters.
bool same_word(const std::string& a, const std::string& b);

// Whether the words contain a negation (not, n't, no, never, nothing, none, nor).
bool negated(const std::vector<std::string>& words);

}  // namespace chronicle::resolve
