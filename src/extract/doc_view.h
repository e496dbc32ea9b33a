// A per-document view of tokens and mentions shared by the event and relation
// extractors: lower-cased token text without per-token allocations, the mention
// that covers a token, the closed-class word classes of data/clause_words.tsv,
// and country mentions for demonyms ("German" -> Germany) that the name finder
// leaves out. Built once per document; refers to the Context it was built from.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/pipeline.h"

namespace chronicle::extract {

enum WordClass : uint16_t {
  kDet = 1 << 0,       // the, a, its
  kAux = 1 << 1,       // auxiliaries, modals, adverbs between subject and verb
  kPron = 1 << 2,      // he, they, who
  kPrep = 1 << 3,      // in, on, with
  kConj = 1 << 4,      // and, or
  kBoundary = 1 << 5,  // that, which, because: a new clause begins
  kLight = 1 << 6,     // held (talks), launched (an attack)
};

// Transparent string hashing so maps keyed by std::string take string_views.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

// Appends a lower-cased token to a lexicon key, writing the typographic hyphens
// U+2010 and U+2011 as '-' ("cease\u2011fire" -> "cease-fire").
void append_key(std::string& key, std::string_view lower_word);

// The word classes of data/clause_words.tsv. Immutable; one shared instance.
class WordClasses {
 public:
  static const WordClasses& instance();
  uint16_t of(std::string_view lower_word) const;

 private:
  WordClasses();
  StringMap<uint16_t> classes_;
};

class DocView {
 public:
  explicit DocView(Context& ctx);

  const text::Analysis& a() const { return a_; }
  size_t size() const { return a_.tokens.size(); }
  // Lower-cased (ASCII) text of token t.
  std::string_view lower(uint32_t t) const { return a_.tokens[t].span.of(lower_); }
  std::string_view str(uint32_t t) const { return a_.str(t); }
  uint16_t cls(uint32_t t) const {
    if (classes_[t] == kUnread) classes_[t] = read_class(t);
    return classes_[t];
  }
  bool is(uint32_t t, uint16_t c) const { return (cls(t) & c) != 0; }
  bool punct(uint32_t t, char c) const;  // token t is exactly the ASCII mark c
  bool capitalized(uint32_t t) const { return a_.tokens[t].is(text::kCapitalized); }

  // Index of the mention covering token t, or -1; mentions without an entity
  // (unresolved) are not indexed.
  int32_t mention_at(uint32_t t) const { return mention_of_[t]; }
  // Token range [first, last) of mention m.
  uint32_t first(int32_t m) const { return mention_tokens_[static_cast<size_t>(m)].first; }
  uint32_t last(int32_t m) const { return mention_tokens_[static_cast<size_t>(m)].second; }
  EntityKind kind(int32_t m) const { return ctx_.facts.mentions[static_cast<size_t>(m)].kind; }

  // Country code of a demonym token ("German" -> "DEU"), or empty.
  std::string_view demonym(uint32_t t) const;
  // A location mention for the country of demonym token t, reusing the
  // document's entity for that country when it has one; adds a nominal-form
  // mention (and, if needed, a LocalEntity) to the facts. -1 if t is no demonym.
  int32_t country_mention(uint32_t t);
  // True when most words of sentence s are capitalised (a headline).
  bool title_case(uint32_t sentence) const;

 private:
  void index_mention(int32_t m);

  Context& ctx_;
  const text::Analysis& a_;
  std::string lower_;
  // Word classes, looked up when first asked (most tokens never are).
  static constexpr uint16_t kUnread = 1 << 15;
  uint16_t read_class(uint32_t t) const;
  mutable std::vector<uint16_t> classes_;
  std::vector<int32_t> mention_of_;
  std::vector<std::pair<uint32_t, uint32_t>> mention_tokens_;
  mutable std::vector<int8_t> title_case_;  // per sentence: -1 unknown, 0, 1
};

}  // namespace chronicle::extract
