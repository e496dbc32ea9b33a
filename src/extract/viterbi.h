// First-order Viterbi decoding shared by the learned taggers (ner_model,
// trigger_tagger): the best tag sequence of one sentence under emission and
// transition scores, over the transitions the tag scheme allows.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace chronicle::extract {

// A tag scheme of Count tags, tag 0 being "outside": Allowed(prev, tag) says
// whether `tag` may follow `prev` (prev == Count: the sentence start), CanEnd(tag)
// whether a sentence may end on it.
template <uint8_t Count, bool (*Allowed)(uint8_t, uint8_t), bool (*CanEnd)(uint8_t)>
struct TagScheme {
  static constexpr uint8_t kCount = Count;
  static constexpr bool allowed(uint8_t prev, uint8_t tag) { return Allowed(prev, tag); }
  static constexpr bool can_end(uint8_t tag) { return CanEnd(tag); }
  // For each tag, the tags that may precede it, in ascending order.
  struct Predecessors {
    std::array<std::array<uint8_t, Count>, Count> tags{};
    std::array<uint8_t, Count> count{};
    constexpr Predecessors() {
      for (uint8_t t = 0; t < Count; ++t)
        for (uint8_t p = 0; p < Count; ++p)
          if (Allowed(p, t)) tags[t][count[t]++] = p;
    }
  };
  static constexpr Predecessors kPredecessors{};
};

// Best tag sequence for n tokens. emissions: n rows of Scheme::kCount scores;
// transitions: (kCount + 1) rows of kCount, row p for the previous tag p, row
// kCount for the sentence start. Writes n tags; reuses scratch and back.
template <typename Scheme, typename Score>
void viterbi(size_t n, const Score* emissions, const Score* transitions, uint8_t* out, std::vector<Score>& scratch,
             std::vector<uint8_t>& back) {
  constexpr uint8_t k = Scheme::kCount;
  constexpr Score kNone = std::numeric_limits<Score>::lowest() / 4;
  if (n == 0) return;
  scratch.assign(n * k, kNone);
  back.assign(n * k, 0);
  for (uint8_t t = 0; t < k; ++t)
    if (Scheme::allowed(k, t)) scratch[t] = transitions[k * k + t] + emissions[t];
  for (size_t i = 1; i < n; ++i) {
    const Score* prev = &scratch[(i - 1) * k];
    Score* cur = &scratch[i * k];
    for (uint8_t t = 0; t < k; ++t) {
      Score best = kNone;
      uint8_t arg = 0;
      for (uint8_t j = 0; j < Scheme::kPredecessors.count[t]; ++j) {
        const uint8_t p = Scheme::kPredecessors.tags[t][j];
        if (prev[p] <= kNone) continue;  // unreachable (a tag that cannot open a sentence)
        const Score s = prev[p] + transitions[p * k + t];
        if (s > best) best = s, arg = p;
      }
      if (best <= kNone) continue;
      cur[t] = best + emissions[i * k + t];
      back[i * k + t] = arg;
    }
  }
  uint8_t best = 0;
  for (uint8_t t = 1; t < k; ++t)
    if (Scheme::can_end(t) && scratch[(n - 1) * k + t] > scratch[(n - 1) * k + best]) best = t;
  for (size_t i = n; i-- > 0;) {
    out[i] = best;
    best = back[i * k + best];
  }
}

}  // namespace chronicle::extract
