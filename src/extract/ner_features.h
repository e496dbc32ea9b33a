// Features of the name tagger (an averaged structured perceptron over BILOU tags).
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
#include "extract/token_types.h"
#include "text/segment.h"

namespace chronicle::extract::ner {

// Bump when the features change: a model trained with other features is refused.
inline constexpr uint32_t kFeatureVersion = 9;

// BILOU tags over the four CoNLL types PER ORG LOC MISC: O, then per type
// Begin, Inside, Last (of a name of two or more tokens) and Unit (a one-token name).
enum Part : uint8_t { kBegin, kInside, kLast, kUnit };
inline constexpr uint8_t kO = 0;
inline constexpr int kTypeCount = 4;
inline constexpr uint8_t kTagCount = 1 + 4 * kTypeCount;
inline constexpr int type_of(uint8_t tag) { return tag == kO ? -1 : (tag - 1) / 4; }
inline constexpr int part_of(uint8_t tag) { return tag == kO ? -1 : (tag - 1) % 4; }
inline constexpr uint8_t make_tag(int type, Part part) { return static_cast<uint8_t>(1 + 4 * type + part); }
// A name is open after B or I; then only I or L of its type may follow.
inline constexpr bool opens(uint8_t tag) { return tag != kO && tag < kTagCount && part_of(tag) <= kInside; }
// True when `tag` may follow `prev` (kTagCount = sentence start).
inline constexpr bool allowed(uint8_t prev, uint8_t tag) {
  const bool continues = tag != kO && (part_of(tag) == kInside || part_of(tag) == kLast);
  if (opens(prev)) return continues && type_of(prev) == type_of(tag);
  return !continues;
}
// True when a sentence may end with `tag` (no name left open).
inline constexpr bool can_end(uint8_t tag) { return !opens(tag); }

// featurize() gives a token at most this many keys (History one more), so
// that sums of weights bounded by kMaxWeight (ner_model.h) fit in 16 bits.
inline constexpr size_t kMaxKeysPerToken = 79;

// One document's tagger tokens and their features.
struct Features {
  std::vector<Span> tokens;          // byte spans into the text
  std::vector<uint32_t> sentences;   // token index where each sentence starts, plus the end
  std::vector<uint32_t> offsets;     // features of token i: keys[offsets[i] .. offsets[i+1])
  std::vector<uint32_t> keys;
  std::vector<uint64_t> words;       // History word of each token, 0 for none
  // The type of each token in the calling thread's TypeTable (below), and
  // whether `keys` leave out the keys of types (featurize_by_type()).
  std::vector<uint32_t> types;
  bool by_type = false;
  void clear() { tokens.clear(); sentences.clear(); offsets.clear(); keys.clear(); words.clear(); types.clear(); }
};

// Computes the features of every token of `text`. Reuses `out`'s storage.
// requires: the Analysis text outlives nothing here (spans are copied).
void featurize(const text::Analysis& text, Features& out);

// The name tagger's token types (extract/token_types.h): the texts of the
// tokens the calling thread has featurized, read in capitals or not, with ids.
// Ids hold until the next featurize_by_type() call on the thread, which may
// start the table afresh (generation() changes then).
class TypeTable {
 public:
  static constexpr uint32_t kNone = 0;
  // The keys type `id` gives a token from `slot`; featurize() gives every
  // token exactly these and featurize_by_type() leaves them out.
  static void keys(uint32_t id, TypeSlot slot, std::vector<uint32_t>& out);
  static uint64_t generation();
  static size_t size();
};

// As featurize(), without the keys of types in `out.keys` (out.by_type).
void featurize_by_type(const text::Analysis& text, Features& out);

// The Debian wamerican word list (see docs/ner.md): bit 1 when the lower-cased
// word is a common word there, bit 2 when it is listed capitalised (a proper
// noun); 0 when absent. `lower` is lower-cased ASCII.
uint8_t word_list_class(std::string_view lower);

// The document's prediction history (Ratinov & Roth 2009): how the tagger
// tagged earlier occurrences of a capitalised word in the same document. Tagging
// goes sentence by sentence; each sentence's history features come from the
// tags already given to earlier sentences. One per document; not thread-safe.
class History {
 public:
  void clear() { seen_.clear(); }
  // Appends the history feature keys of a token whose Features::words entry is `word`.
  void keys(uint64_t word, std::vector<uint32_t>& out) const;
  // Records the tags of one sentence of n tokens: their words and tags.
  void record(const uint64_t* words, const uint8_t* tags, size_t n);
  // Every key keys() can produce (for the trainer's weight table).
  static std::vector<uint32_t> all_keys();

 private:
  struct Seen {
    uint64_t word;
    uint16_t count[kTypeCount + 1];  // per type, then untagged
  };
  std::vector<Seen> seen_;  // few distinct capitalised words per document: linear search is fine
};

}  // namespace chronicle::extract::ner
