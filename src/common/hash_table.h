// A fixed table from 64-bit keys (hashes) to small values, built once and then
// only read: open addressing in one array, so that a lookup touches one or two
// cache lines where std::unordered_map follows a bucket and a node. The
// lexicons asked for every token (word lists, gazetteer phrases) use it.
#pragma once
#include <xxhash.h>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace chronicle {

// The 64-bit hash the word tables are keyed by (XXH3): a word's key in a
// FrozenHashTable, and the name tagger's and trigger tagger's feature keys.
inline uint64_t hash_bytes(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }

template <typename Value>
class FrozenHashTable {
 public:
  FrozenHashTable() = default;
  // The entries of `from`, at most half the slots full.
  explicit FrozenHashTable(const std::unordered_map<uint64_t, Value>& from) {
    size_t cap = 16;
    while (cap < 2 * from.size()) cap <<= 1;
    slots_.assign(cap, Slot{});
    mask_ = cap - 1;
    for (const auto& [key, value] : from) {
      if (key == 0) {  // 0 marks a free slot: kept aside
        zero_ = value;
        has_zero_ = true;
        continue;
      }
      size_t s = slot(key);
      while (slots_[s].key != 0) s = (s + 1) & mask_;
      slots_[s] = Slot{key, value};
    }
  }
  // The value of `key`, or `missing`.
  Value find(uint64_t key, Value missing = Value{}) const {
    if (key == 0) return has_zero_ ? zero_ : missing;
    const Slot* s = slot_of(key);
    return s ? s->value : missing;
  }
  bool contains(uint64_t key) const { return key == 0 ? has_zero_ : slot_of(key) != nullptr; }

 private:
  struct Slot {
    uint64_t key = 0;
    Value value{};
  };
  // The keys are hashes already; the high bits pick the slot (fold them in, in
  // case a key's low bits are not mixed).
  size_t slot(uint64_t key) const { return static_cast<size_t>(key ^ (key >> 29) ^ (key >> 47)) & mask_; }
  // The slot holding `key` (not 0), or null.
  const Slot* slot_of(uint64_t key) const {
    if (slots_.empty()) return nullptr;
    for (size_t s = slot(key);; s = (s + 1) & mask_) {
      if (slots_[s].key == key) return &slots_[s];
      if (slots_[s].key == 0) return nullptr;
    }
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  Value zero_{};
  bool has_zero_ = false;
};

}  // namespace chronicle
