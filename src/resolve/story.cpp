// Story words and their similarity (see story.h).
#include "resolve/story.h"

#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_set>

#include "common/embedded.h"

namespace chronicle::resolve {

namespace {

constexpr size_t kMinLetters = 3;
constexpr size_t kStemBytes = 6;

const std::unordered_set<std::string_view>& stop_words() {
  static const std::unordered_set<std::string_view> words = [] {
    std::unordered_set<std::string_view> out;
    embedded::for_each_row("story_stop_words.txt", [&](const std::vector<std::string_view>& cols) { out.insert(cols[0]); });
    return out;
  }();
  return words;
}

// ASCII letters and every byte of a multi-byte UTF-8 character ("Zürich").
bool word_byte(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? true : c >= 0x80; }

}  // namespace

StoryWords story_words(std::string_view text) {
  const auto& stop = stop_words();
  StoryWords out;
  std::string word;
  size_t i = 0;
  while (i < text.size()) {
    if (!word_byte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    word.clear();
    for (; i < text.size() && word_byte(static_cast<unsigned char>(text[i])); ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      word.push_back(c < 0x80 ? static_cast<char>(c | 0x20) : static_cast<char>(c));
    }
    if (word.size() < kMinLetters || stop.count(word)) continue;
    out.push_back(XXH3_64bits(word.data(), std::min(word.size(), kStemBytes)));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double story_similarity(const StoryWords& a, const StoryWords& b) {
  if (a.empty() || b.empty()) return 0;
  size_t shared = 0;
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    if (*i < *j) ++i;
    else if (*j < *i) ++j;
    else ++shared, ++i, ++j;
  }
  return static_cast<double>(shared) / std::sqrt(static_cast<double>(a.size()) * static_cast<double>(b.size()));
}

double story_similarity_from(const StoryWords& a, const StoryWords& b, double floor) {
  if (a.empty() || b.empty()) return 0;
  const double norm = std::sqrt(static_cast<double>(a.size()) * static_cast<double>(b.size()));
  const double needed = floor * norm;  // shared words needed to reach `floor`
  size_t shared = 0;
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    if (static_cast<double>(shared + static_cast<size_t>(std::min(a.end() - i, b.end() - j))) < needed) break;
    if (*i < *j) ++i;
    else if (*j < *i) ++j;
    else ++shared, ++i, ++j;
  }
  return static_cast<double>(shared) / norm;
}

}  // namespace chronicle::resolve
