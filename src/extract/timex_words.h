// The word lists of the time-expression grammar (data/timex_words.tsv): which
// classes a lower-case word belongs to (month, weekday, number, unit ...) with
// the value each class gives it, and the multi-word phrases it starts ("the past",
// "new year 's day"). Loaded once; immutable and safe to read from any thread.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/hash_table.h"

namespace chronicle::extract {

enum class WordClass : uint8_t {
  month, weekday, number, tens, ordinal, unit, units, season, daypart, time, deixis,
  ref, set, holiday, approx, edge, shift, tz, cue, count
};

struct Phrase {
  std::vector<std::string_view> words;  // lower case; the first is the word that holds it
  WordClass cls = WordClass::ref;
  std::string_view value;
};

struct WordInfo {
  uint32_t classes = 0;  // bit (1 << WordClass)
  std::array<std::string_view, static_cast<size_t>(WordClass::count)> value{};  // per class, as in the file
  std::array<int, static_cast<size_t>(WordClass::count)> number{};             // value as a number, or 0
  std::vector<Phrase> phrases;  // phrases of two or more words that start with this word, longest first

  bool is(WordClass c) const { return (classes >> static_cast<unsigned>(c)) & 1U; }
  std::string_view text(WordClass c) const { return value[static_cast<size_t>(c)]; }
  int num(WordClass c) const { return number[static_cast<size_t>(c)]; }
};

class TimexWords {
 public:
  static const TimexWords& instance();
  // The classes and phrases of one lower-case word (a trailing '.' removed), or
  // nullptr if the word plays no part in time expressions.
  const WordInfo* find(std::string_view word) const;

 private:
  TimexWords();
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, WordInfo, Hash, std::equal_to<>> words_;
  size_t longest_ = 0;  // length of the longest word
  // Asked for every word of a text: by the word's 64-bit hash, in an
  // open-addressed table, to 1 + its entry in `infos_` (nodes of words_).
  std::vector<const WordInfo*> infos_;
  FrozenHashTable<uint32_t> index_;
};

}  // namespace chronicle::extract
