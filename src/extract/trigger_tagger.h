// The event-trigger tagger: a first-order sequence tagger over BIO tags (a
// trigger is B, or B followed by I's: "checked into", "heart attack") trained
// as an averaged structured perceptron on the ECB+ training topics
// (tools/train_triggers.cpp, docs/event-kinds.md). It finds event mentions the
// lexicon does not list ("escaped", "the heist", "was hanged"); the event
// extractor (events.cpp) turns its finds into events.
//
// Features (one 32-bit hash key per template and value; keys are never 0) come
// from the document view the event extractor already has: the word, its base
// form (lemma.h) and suffixes, shape, the words and word classes around it,
// trigger-lexicon matches with their kind and part of speech, names and time
// expressions at and next to it, the wamerican word list, headline and
// quotation. The same code serves the trainer and the runtime tagger.
//
// Model file (data/trigger_model.bin): a text header of '#' lines (source,
// licence, training command), one NUL byte, then little-endian binary:
//   char magic[4] = "CTRG"; u32 format = 1; u32 feature_version; u32 features;
//   f32 scale (weight = stored / scale);
//   i8 transitions[(kTags + 1) * kTags]   (row kTags = sentence start)
//   per feature, sorted by key: u32 key; i8 weights[kTags].
#pragma once
#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "extract/doc_view.h"
#include "extract/model_file.h"
#include "extract/token_types.h"
#include "extract/viterbi.h"

namespace chronicle::extract::triggers {

// Bump when the features change: a model trained with other features is refused.
inline constexpr uint32_t kFeatureVersion = 2;

enum Tag : uint8_t { kO = 0, kB = 1, kI = 2 };
inline constexpr uint8_t kTags = 3;
// True when `tag` may follow `prev` (kTags = sentence start): I only continues a trigger.
inline constexpr bool allowed(uint8_t prev, uint8_t tag) { return tag != kI || prev == kB || prev == kI; }

// Tokens of the document that lie inside a time expression (1) or not (0).
void timex_tokens(const text::Analysis& a, const DocumentFacts& facts, std::vector<uint8_t>& out);

// Feature keys of tokens [first, last) of one sentence: token i's keys are
// keys[offsets[i - first] .. offsets[i - first + 1]). Reuses the vectors' storage.
// requires: timex has one entry per token of v (timex_tokens).
void featurize(const DocView& v, const std::vector<uint8_t>& timex, uint32_t first, uint32_t last,
               std::vector<uint32_t>& offsets, std::vector<uint32_t>& keys);

// Token types (extract/token_types.h): the trigger tagger's are a token's
// lower-cased text with its word, number and capitals flags, in the calling
// thread's table. As featurize(), without the keys of types: token i's types
// are types[kTypeSlots * i ...] by TypeSlot, kNoType where it has none (words
// around punctuation and numbers give them nothing).
inline constexpr uint32_t kNoType = ~uint32_t{0};
void featurize_by_type(const DocView& v, const std::vector<uint8_t>& timex, uint32_t first, uint32_t last,
                       std::vector<uint32_t>& offsets, std::vector<uint32_t>& keys, std::vector<uint32_t>& types);
// The keys a type of the calling thread's table gives from `slot`.
void type_keys(uint32_t id, TypeSlot slot, std::vector<uint32_t>& out);

// Whether a sentence may end on `tag`: on any.
inline constexpr bool can_end(uint8_t) { return true; }
// The BIO tag scheme of triggers.
using Scheme = TagScheme<kTags, allowed, can_end>;

// Best tag sequence for n tokens (extract::viterbi): emissions n rows of kTags
// scores; transitions (kTags + 1) rows of kTags, row kTags for the start.
template <typename Score>
void viterbi(size_t n, const Score* emissions, const Score* transitions, uint8_t* out, std::vector<Score>& scratch,
             std::vector<uint8_t>& back) {
  extract::viterbi<Scheme, Score>(n, emissions, transitions, out, scratch, back);
}

// The header of data/trigger_model.bin (extract/model_file.h).
inline constexpr ModelHeader kModelHeader{"CTRG", 1, kFeatureVersion, "a trigger model", "tools/train-triggers"};

class Model {
 public:
  // The shipped model. Prints a diagnostic and returns an empty model (which
  // finds nothing) if data/trigger_model.bin is missing or unreadable.
  static const Model& shipped();
  // Parses a model file. On failure returns an empty model and sets *error.
  static Model parse(std::string_view bytes, std::string* error);

  bool empty() const { return count_ == 0; }
  size_t features() const { return count_; }

  // Tags n = offsets.size() - 1 tokens from their feature keys (featurize).
  // `o_bias` (in stored weight units) is added to every O score: positive
  // values trade recall for precision.
  // With `types` (featurize_by_type), the keys of those types count too.
  void tag(const std::vector<uint32_t>& offsets, const std::vector<uint32_t>& keys, std::vector<uint8_t>& tags,
           int32_t o_bias = 0, const std::vector<uint32_t>* types = nullptr) const;

 private:
  struct Slot {
    uint32_t key = 0;  // 0 = empty
    std::array<int8_t, kTags> w{};
  };
  const Slot* find(uint32_t key) const;
  std::vector<Slot> slots_;
  size_t mask_ = 0, count_ = 0;
  std::array<int32_t, (kTags + 1) * kTags> transitions_{};
};

}  // namespace chronicle::extract::triggers
