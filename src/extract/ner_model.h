// The name tagger's model: quantised averaged-perceptron weights per feature key
// and tag, tag-transition weights, and Viterbi decoding under the
// constraints (BILOU tags). The shipped model is data/ner_model.bin (trained by
// tools/train_ner.cpp, see docs/ner.md), parsed once on first use; the object is
// immutable afterwards and safe to share between threads.
//
// File format: a text header of '#' lines (source, licence, training command),
// one NUL byte, then little-endian binary:
//   char magic[4] = "CNER"; u32 format = 2; u32 feature_version; u32 tags;
//   u32 features; f32 scale (weight = stored / scale; |stored| <= kMaxWeight);
//   i16 transitions[(tags + 1) * tags]   (row `tags` = sentence start)
//   per feature, sorted by key: u32 key; u32 mask (bit t: tag t has a weight);
//   then the weights of all features in the same order, one i16 per mask bit.
#pragma once
#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "extract/model_file.h"
#include "extract/ner_features.h"
#include "extract/viterbi.h"

namespace chronicle::extract::ner {

// A name found by the tagger: tagger tokens [first, last) of Features::tokens.
struct Found {
  uint32_t first = 0, last = 0;
  int type = 0;  // 0 PER, 1 ORG, 2 LOC, 3 MISC
};

// Names of a tag sequence (BILOU; a name runs from B to L, or is one U).
std::vector<Found> names_of(const std::vector<uint8_t>& tags);

// The BILOU tag scheme of names.
using Scheme = TagScheme<kTagCount, allowed, can_end>;

// Best tag sequence for one sentence of n tokens (extract::viterbi): emissions
// n rows of kTagCount scores; transitions (kTagCount + 1) rows of kTagCount,
// row kTagCount for the sentence start. Writes n tags.
template <typename Score>
void viterbi(size_t n, const Score* emissions, const Score* transitions, uint8_t* out, std::vector<Score>& scratch,
             std::vector<uint8_t>& back) {
  extract::viterbi<Scheme, Score>(n, emissions, transitions, out, scratch, back);
}

// Largest stored weight: weights fit in 8 bits, and the weights of one token's
// features (at most kMaxKeysPerToken + 1) sum in 16 bits without overflow.
inline constexpr int16_t kMaxWeight = 127;
static_assert(kMaxWeight * (kMaxKeysPerToken + 1) <= 32767);

// The header of data/ner_model.bin (extract/model_file.h).
inline constexpr ModelHeader kModelHeader{"CNER", 2, kFeatureVersion, "a chronicle name model", "docs/ner.md"};

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
  // Open addressing over keys only (small enough to stay in cache); a hit
  // points to the feature's row of weights.
  struct Slot {
    uint32_t key = 0;  // 0 = empty
    uint32_t row = 0;
  };
  static constexpr size_t kLanes = 8;  // rows are padded to whole vectors of 8 lanes
  static constexpr size_t kRowSize = (kTagCount + kLanes - 1) / kLanes * kLanes;
  struct alignas(8) Row {
    int8_t w[kRowSize];
  };
  const Row* find(uint32_t key) const;

  std::vector<Slot> slots_;
  std::vector<Row> rows_;
  size_t mask_ = 0, count_ = 0;
  std::array<int32_t, (kTagCount + 1) * kTagCount> transitions_{};
};

}  // namespace chronicle::extract::ner
