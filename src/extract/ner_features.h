// Features of the name tagger (an averaged structured perceptron over BIO tags).
// The same code serves the runtime tagger (extract/ner_model.h) and the trainer
// (tools/train_ner.cpp), so training and tagging always see identical features.
//
// The tagger works on chronicle's own tokens (text/segment.h), slightly
// regrouped: an apostrophe glued to a following "s" is one token "'s" (CoNLL's
// "England 's" and an article's "England's" look the same), and typographic
// quotes and dashes are read as their ASCII forms. Each token gets a list of
// 32-bit feature keys: hashes of (template, values) pairs such as "lower-cased
// word = merz" or "previous word is a title". Keys are never 0.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "common/span.h"
#include "text/segment.h"

namespace chronicle::extract::ner {

// Bump when the features change: a model trained with other features is refused.
inline constexpr uint32_t kFeatureVersion = 3;

// BIO tags over the four CoNLL types, in this order.
enum Tag : uint8_t { kO, kBPer, kIPer, kBOrg, kIOrg, kBLoc, kILoc, kBMisc, kIMisc, kTagCount };
inline constexpr int kTypeCount = 4;            // PER ORG LOC MISC
inline int type_of(uint8_t tag) { return tag == kO ? -1 : (tag - 1) / 2; }
inline bool is_inside(uint8_t tag) { return tag != kO && (tag - 1) % 2 == 1; }
inline uint8_t begin_tag(int type) { return static_cast<uint8_t>(1 + 2 * type); }
inline uint8_t inside_tag(int type) { return static_cast<uint8_t>(2 + 2 * type); }
// True when `tag` may follow `prev` (kTagCount = sentence start): I-X only after B-X or I-X.
inline bool allowed(uint8_t prev, uint8_t tag) {
  if (!is_inside(tag)) return true;
  return prev != kTagCount && prev != kO && type_of(prev) == type_of(tag);
}

// One document's tagger tokens and their features.
struct Features {
  std::vector<Span> tokens;          // byte spans into the text
  std::vector<uint32_t> sentences;   // token index where each sentence starts, plus the end
  std::vector<uint32_t> offsets;     // features of token i: keys[offsets[i] .. offsets[i+1])
  std::vector<uint32_t> keys;
  void clear() { tokens.clear(); sentences.clear(); offsets.clear(); keys.clear(); }
};

// Computes the features of every token of `text`. Reuses `out`'s storage.
// requires: the Analysis text outlives nothing here (spans are copied).
void featurize(const text::Analysis& text, Features& out);

}  // namespace chronicle::extract::ner
