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

void StoryIndex::add(int64_t document, StoryWords words) {
  remove(document);
  uint32_t slot;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
  } else {
    slot = static_cast<uint32_t>(slots_.size());
    slots_.emplace_back();
  }
  for (const uint64_t w : words) postings_[w].push_back(slot);
  slots_[slot] = {document, std::move(words)};
  slot_of_[document] = slot;
}

void StoryIndex::remove(int64_t document) {
  const auto it = slot_of_.find(document);
  if (it == slot_of_.end()) return;
  const uint32_t slot = it->second;
  for (const uint64_t w : slots_[slot].words) {
    auto p = postings_.find(w);
    std::erase(p->second, slot);
    if (p->second.empty()) postings_.erase(p);
  }
  slots_[slot] = {};
  free_.push_back(slot);
  slot_of_.erase(it);
}

std::vector<std::pair<int64_t, double>> StoryIndex::similar(int64_t document, double floor) const {
  std::vector<std::pair<int64_t, double>> out;
  const auto it = slot_of_.find(document);
  if (it == slot_of_.end()) return out;
  const uint32_t self = it->second;
  const StoryWords& words = slots_[self].words;
  const auto size = static_cast<double>(words.size());
  // Prefix filter: a document at the floor shares at least floor² × |words| of
  // them (it shares at least floor × sqrt(|words| × |its words|) and at most
  // all of its own, so it has at least floor² × |words|). Fewer than that of
  // the commonest words, whose lists are the longest, are not walked: every
  // such document is still reached through another word, and its count is
  // completed from the skipped words. Skips one word less than the bound
  // allows, against rounding.
  const double least_shared = floor * floor * size;
  const size_t skip = least_shared >= 2 ? static_cast<size_t>(std::ceil(least_shared)) - 2 : 0;
  const auto list = [&](uint64_t w) -> const std::vector<uint32_t>& { return postings_.find(w)->second; };
  std::vector<uint64_t> order(words.begin(), words.end());
  if (skip > 0)
    std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(skip), order.end(), [&](uint64_t a, uint64_t b) {
      return std::pair(list(a).size(), a) > std::pair(list(b).size(), b);
    });
  counts_.resize(slots_.size(), 0);
  std::vector<uint32_t> reached;  // slots with a count, each once
  for (size_t i = skip; i < order.size(); ++i)
    for (const uint32_t s : list(order[i]))
      if (counts_[s]++ == 0) reached.push_back(s);
  for (const uint32_t s : reached) {
    uint32_t shared = counts_[s];
    counts_[s] = 0;
    if (s == self) continue;
    const StoryWords& theirs = slots_[s].words;
    // The same arithmetic as story_similarity, so that both agree at the floor.
    const double norm = std::sqrt(size * static_cast<double>(theirs.size()));
    if (static_cast<double>(shared + skip) / norm < floor) continue;  // cannot reach it even with every skipped word
    for (size_t i = 0; i < skip; ++i) shared += std::binary_search(theirs.begin(), theirs.end(), order[i]) ? 1 : 0;
    const double similarity = static_cast<double>(shared) / norm;
    if (similarity >= floor) out.emplace_back(slots_[s].document, similarity);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void StoryNeighbours::add(StoryIndex& index, int64_t document, StoryWords words) {
  remove(index, document);
  index.add(document, std::move(words));
  List found = index.similar(document, floor_);
  // The similarity is symmetric (the same shared count over the same product),
  // so the other side gets the same number.
  for (const auto& [other, similarity] : found)
    if (const auto it = found_.find(other); it != found_.end()) it->second.emplace_back(document, similarity);
  found_[document] = std::move(found);
}

void StoryNeighbours::remove(StoryIndex& index, int64_t document) {
  if (!index.contains(document)) return;
  // Its neighbours have it among theirs; those of a document added before the
  // last clear() are asked of the index.
  const auto it = found_.find(document);
  const List neighbours = it != found_.end() ? std::move(it->second) : index.similar(document, floor_);
  if (it != found_.end()) found_.erase(it);
  for (const auto& [other, similarity] : neighbours)
    if (const auto o = found_.find(other); o != found_.end())
      std::erase_if(o->second, [&](const auto& n) { return n.first == document; });
  index.remove(document);
}

const StoryNeighbours::List* StoryNeighbours::of(int64_t document) const {
  const auto it = found_.find(document);
  return it == found_.end() ? nullptr : &it->second;
}

}  // namespace chronicle::resolve
