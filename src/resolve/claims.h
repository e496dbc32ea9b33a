// Cross-document claim matching: the same quotation or report carried by
// several outlets with small wording differences ("wiggle" / "wriggle",
// "It's" / "It is", "Zelenskiy" / "Zelensky") is one claim; two claims of one
// speaker that differ in negation or in most of their words are not.
#pragma once
#include <array>
#include <cstdint>
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

// A claim's words with what same_claim() derives from them, computed once for
// a claim that is compared with many (a speaker's claims are compared pairwise).
struct ClaimText {
  std::vector<std::string> words;
  std::vector<uint32_t> firsts, lasts;  // first and last two letters of words of four letters or more, sorted
  std::vector<std::string> shorts;      // shorter words, sorted
  bool negated = false;
  // The same keys (a first two letters, a last two, a short word) hashed to
  // bits of a small table: `probes` gives each word's bits (a short word's
  // twice), `keys` has every word's set. Counting the words of one claim whose
  // bits the other's table has bounds how many can match, with a few bit tests.
  std::array<uint64_t, 8> keys{};
  std::vector<std::pair<uint16_t, uint16_t>> probes;
};
ClaimText claim_text(std::vector<std::string> words);
// The same as same_claim(a.words, b.words).
bool same_claim(const ClaimText& a, const ClaimText& b);

// Whether two words match: equal, or both at least four letters long and one
// edit apart or sharing their first five letters.
bool same_word(const std::string& a, const std::string& b);

// Whether the words contain a negation (not, n't, no, never, nothing, none, nor).
bool negated(const std::vector<std::string>& words);

}  // namespace chronicle::resolve
