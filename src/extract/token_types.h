// Token types for the learned taggers (ner_model, trigger_tagger). Most of a
// token's feature keys depend on the token alone (its word, shape, suffixes)
// or on one neighbour alone (the word one or two places before or after it),
// and a document repeats its words: a tagger sums the weights of those keys
// once per distinct token text and per slot instead of once per token.
//
// A TokenTypes table holds the distinct texts one thread's tagger has seen,
// each with an id and what the tagger makes of the text alone (its Info); id 0
// is "no token" (a neighbour beyond the sentence). A TypeSums table holds the
// weights of each type's keys per slot, for one model.
#pragma once
#include <xxhash.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chronicle::extract {

// Where a type stands to the token whose keys it gives: the token itself, or
// one or two places before or after it.
enum TypeSlot : uint8_t { kSelf, kBefore1, kBefore2, kAfter1, kAfter2 };
inline constexpr size_t kTypeSlots = 5;

template <typename Info>
class TokenTypes {
 public:
  static constexpr uint32_t kNone = 0;
  // At most `max_types` types; `none` is the Info of id 0.
  TokenTypes(size_t max_types, const Info& none) : max_(max_types), none_(none), slots_(4 * max_types) { reset(); }

  // The id of `text` (any bytes), with describe(Info&) filling in a new one.
  template <typename Describe>
  uint32_t id(std::string_view text, Describe&& describe) {
    const uint64_t h = XXH3_64bits(text.data(), text.size());
    const size_t mask = slots_.size() - 1;
    size_t i = h & mask;
    for (; slots_[i].id != 0; i = (i + 1) & mask)
      if (slots_[i].hash == h && texts_[slots_[i].id] == text) return slots_[i].id;
    const auto id = static_cast<uint32_t>(infos_.size());
    slots_[i] = Slot{h, id};
    texts_.emplace_back(text);
    infos_.emplace_back();
    describe(infos_.back());
    return id;
  }
  const Info& info(uint32_t id) const { return infos_[id]; }
  size_t size() const { return infos_.size(); }
  // Changes whenever ids are given afresh (start_lookups() on a full table).
  uint64_t generation() const { return generation_; }
  // Called before a run of lookups (a document's or a sentence's tokens): the
  // ids they give hold until the next call.
  void start_lookups() {
    if (infos_.size() > max_) reset();
  }

 private:
  void reset() {
    std::fill(slots_.begin(), slots_.end(), Slot{});
    texts_.assign(1, std::string{});
    infos_.assign(1, none_);
    ++generation_;
  }
  // Open addressing (at most a quarter full) over the hash of a type's text.
  struct Slot {
    uint64_t hash = 0;
    uint32_t id = 0;  // 0: empty
  };
  size_t max_;
  Info none_;
  std::vector<Slot> slots_;
  std::vector<std::string> texts_;  // by id
  std::vector<Info> infos_;         // by id
  uint64_t generation_ = 0;
};

// The summed weights (Sum) of each type's keys per slot for one model and one
// generation of a TokenTypes table, computed when first asked.
template <typename Sum>
class TypeSums {
 public:
  // Forgets every sum unless `model` and `generation` are those of the last call.
  void use(const void* model, uint64_t generation) {
    if (model == model_ && generation == generation_) return;
    model_ = model;
    generation_ = generation;
    ready_.clear();
  }
  // The sums of type `id` (of a table of `types` ids), made by
  // compute(id, slot, Sum&) when not known yet.
  template <typename Compute>
  const std::array<Sum, kTypeSlots>& of(uint32_t id, size_t types, Compute&& compute) {
    if (id >= ready_.size()) {
      ready_.resize(types, 0);
      sums_.resize(types);
    }
    if (!ready_[id]) {
      for (uint8_t slot = 0; slot < kTypeSlots; ++slot) {
        sums_[id][slot] = Sum{};
        compute(id, static_cast<TypeSlot>(slot), sums_[id][slot]);
      }
      ready_[id] = 1;
    }
    return sums_[id];
  }

 private:
  const void* model_ = nullptr;
  uint64_t generation_ = 0;
  std::vector<std::array<Sum, kTypeSlots>> sums_;
  std::vector<uint8_t> ready_;
};

}  // namespace chronicle::extract
