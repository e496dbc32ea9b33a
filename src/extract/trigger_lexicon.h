// The event-trigger lexicon of data/event_triggers.tsv: lemmas with their event
// kind and part of speech, and every listed form (one or more words) indexed by
// its first word. Shared by the event extractor (events.cpp) and the features
// of the trigger tagger (trigger_tagger.h). Immutable; one shared instance.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/facts.h"
#include "extract/doc_view.h"

namespace chronicle::extract {

struct TriggerEntry {
  std::string lemma;
  EventKind kind = EventKind::other;
  bool verb = false;
};

struct TriggerForm {
  std::vector<std::string> rest;  // words after the first
  uint32_t entry = 0;
  bool past = false;
};

class TriggerLexicon {
 public:
  static const TriggerLexicon& instance();
  const TriggerEntry& entry(uint32_t i) const { return entries_[i]; }
  // Forms whose first word is `word` (lower case, hyphens as ASCII), or nullptr.
  const std::vector<TriggerForm>* forms(std::string_view word) const {
    auto it = by_first_.find(word);
    return it == by_first_.end() ? nullptr : &it->second;
  }
  // The entry whose lemma is `lemma` (a noun before a verb of the same
  // lemma), or nullptr.
  const TriggerEntry* by_lemma(std::string_view lemma) const {
    auto it = by_lemma_.find(lemma);
    return it == by_lemma_.end() ? nullptr : &entries_[it->second];
  }
  // Whether the lexicon lists `lemma` only as a verb (true) or only as a noun
  // (false: "walkout", "ceasefire"); nullopt when it lists it as both
  // ("attack", "sanction") or not at all.
  std::optional<bool> verb_lemma(std::string_view lemma) const {
    auto it = parts_.find(lemma);
    if (it == parts_.end() || it->second == (kVerb | kNoun)) return std::nullopt;
    return it->second == kVerb;
  }
  // True for the base form of a verb that names no event of its own
  // (data/weak_event_words.txt: "make", "think", "continue").
  bool weak(std::string_view lemma) const { return weak_.find(lemma) != weak_.end(); }
  // Forms that start at token t of v and end before token `end`, the longest
  // first, as (form, length in tokens); returns that longest length (0: none).
  // `key` is scratch space for the lexicon key of the first word.
  uint32_t match(const DocView& v, uint32_t t, uint32_t end, std::vector<std::pair<const TriggerForm*, uint32_t>>& out,
                 std::string& key) const;

 private:
  TriggerLexicon();
  void add(std::string_view phrase, uint32_t entry, bool past);
  std::vector<TriggerEntry> entries_;
  StringMap<std::vector<TriggerForm>> by_first_;
  StringMap<uint32_t> by_lemma_;
  StringMap<bool> weak_;
  static constexpr uint8_t kVerb = 1, kNoun = 2;
  StringMap<uint8_t> parts_;  // lemma -> the parts of speech of its entries (kVerb | kNoun)
};

}  // namespace chronicle::extract
