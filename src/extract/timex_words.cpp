// Loading of data/timex_words.tsv into word and phrase tables (see timex_words.h).
#include "extract/timex_words.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "extract/lexicon.h"

namespace chronicle::extract {

namespace {

constexpr std::array<std::string_view, static_cast<size_t>(WordClass::count)> kClassNames{
    "month", "weekday", "number", "tens", "ordinal", "unit", "units", "season", "daypart", "time", "deixis",
    "ref", "set", "holiday", "approx", "edge", "shift", "tz", "cue"};

int class_index(std::string_view name) {
  for (size_t i = 0; i < kClassNames.size(); ++i)
    if (kClassNames[i] == name) return static_cast<int>(i);
  return -1;
}

int as_number(std::string_view s) {
  int n = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  return ec == std::errc{} && p == s.data() + s.size() ? n : 0;
}

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    const size_t j = std::min(s.find(' ', i), s.size());
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

}  // namespace

TimexWords::TimexWords() {
  for_each_row("timex_words.tsv", [&](const std::vector<std::string_view>& cols) {
    const int c = cols.size() >= 2 ? class_index(cols[1]) : -1;
    if (c < 0) {
      fmt::print(stderr, "timex_words.tsv: bad row '{}'\n", cols[0]);
      return;
    }
    const std::string_view value = cols.size() >= 3 ? cols[2] : std::string_view{};
    std::vector<std::string_view> words = split_words(cols[0]);
    if (words.size() > 1) {
      words_[std::string(words[0])].phrases.push_back(Phrase{std::move(words), static_cast<WordClass>(c), value});
      return;
    }
    WordInfo& info = words_[std::string(cols[0])];
    info.classes |= 1U << c;
    info.value[static_cast<size_t>(c)] = value;
    info.number[static_cast<size_t>(c)] = as_number(value);
  });
  std::unordered_map<uint64_t, uint32_t> index;
  for (auto& [first, info] : words_) {
    longest_ = std::max(longest_, first.size());
    std::stable_sort(info.phrases.begin(), info.phrases.end(),
                     [](const Phrase& a, const Phrase& b) { return a.words.size() > b.words.size(); });
    infos_.push_back(&info);
    index[hash_bytes(first)] = static_cast<uint32_t>(infos_.size());
  }
  index_ = FrozenHashTable<uint32_t>(index);
}

const TimexWords& TimexWords::instance() {
  static const TimexWords w;
  return w;
}

const WordInfo* TimexWords::find(std::string_view word) const {
  if (word.size() > longest_) return nullptr;
  const uint32_t at = index_.find(hash_bytes(word));
  return at ? infos_[at - 1] : nullptr;
}

}  // namespace chronicle::extract
