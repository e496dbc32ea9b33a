// The name tagger's model: quantised averaged-perceptron weights per feature key
// and tag, tag-transition weights, and Viterbi decoding under the BIO
// constraints. The shipped model is data/ner_model.bin (trained by
// tools/train_ner.cpp, see docs/ner.md), parsed once on first use; the object is
// immutable afterwards and safe to share between threads.
//
// File format: a text header of '#' lines (source, licence, training command),
// one NUL byte, then little-endian binary:
//   char magic[4] = "CNER"; u32 format = 1; u32 feature_version; u32 tags;
//   u32 features; f32 scale (weight = stored / scale);
//   i16 transitions[(tags + 1) * tags]   (row `tags` = sentence start)
//   per feature, sorted by key: u32 key; u16 mask (bit t: tag t has a weight);
//   then the weights of all features in the same order, one i16 per mask bit.
#pragma once
#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "extract/ner_features.h"

namespace chronicle::extract::ner {

// A name found by the tagger: tagger tokens [first, last) of Features::tokens.
struct Found {
  uint32_t first = 0, last = 0;
  int type = 0;  // 0 PER, 1 ORG, 2 LOC, 3 MISC
};

// Names of a tag sequence (BIO; a stray I- starts a name).
std::vector<Found> names_of(const std::vector<uint8_t>& tags);

// Best tag sequence for one sentence of n tokens. emission(i, tag) and
// transition(prev, tag) give scores; prev == kTagCount is the sentence start.
// Writes n tags to `out`.
template <typename Score, typename Emission, typename Transition>
void viterbi(size_t n, Emission emission, Transition transition, uint8_t* out, std::vector<Score>& scratch,
             std::vector<uint8_t>& back) {
  constexpr Score kNone = std::numeric_limits<Score>::lowest() / 4;
  if (n == 0) return;
  scratch.assign(n * kTagCount, kNone);
  back.assign(n * kTagCount, 0);
  for (uint8_t t = 0; t < kTagCount; ++t)
    if (allowed(kTagCount, t)) scratch[t] = transition(kTagCount, t) + emission(0, t);
  for (size_t i = 1; i < n; ++i) {
    for (uint8_t t = 0; t < kTagCount; ++t) {
      Score best = kNone;
      uint8_t arg = 0;
      for (uint8_t p = 0; p < kTagCount; ++p) {
        if (!allowed(p, t) || scratch[(i - 1) * kTagCount + p] == kNone) continue;
        const Score s = scratch[(i - 1) * kTagCount + p] + transition(p, t);
        if (s > best) best = s, arg = p;
      }
      if (best == kNone) continue;
      scratch[i * kTagCount + t] = best + emission(i, t);
      back[i * kTagCount + t] = arg;
    }
  }
  uint8_t best = 0;
  for (uint8_t t = 1; t < kTagCount; ++t)
    if (scratch[(n - 1) * kTagCount + t] > scratch[(n - 1) * kTagCount + best]) best = t;
  for (size_t i = n; i-- > 0;) {
    out[i] = best;
    best = back[i * kTagCount + best];
  }
}

class Model {
 public:
  // The shipped model. Prints a diagnostic and returns an empty model (which
  // finds nothing) if data/ner_model.bin is missing or unreadable.
  static const Model& shipped();

  // Parses a model file. On failure returns an empty model and sets *error.
  static Model parse(std::string_view bytes, std::string* error);

  bool empty() const { return count_ == 0; }
  size_t features() const { return count_; }

  // Tags every token of `f` (one tag per Features::tokens entry).
  void tag(const Features& f, std::vector<uint8_t>& tags) const;

 private:
  struct Slot {
    uint32_t key = 0;  // 0 = empty
    std::array<int16_t, kTagCount> w{};
  };
  const Slot* find(uint32_t key) const;

  std::vector<Slot> slots_;
  size_t mask_ = 0, count_ = 0;
  std::array<int32_t, (kTagCount + 1) * kTagCount> transitions_{};
};

}  // namespace chronicle::extract::ner
