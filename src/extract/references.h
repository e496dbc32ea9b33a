// Nominal and pronoun mentions: personal pronouns ("he", "her", "its", "they")
// and definite role or type nouns ("the chancellor", "the Kremlin spokesman",
// "the company"). The name extractor adds them as candidates (Mention::form
// nominal / pronoun); in-document coreference (resolve/coref.h) links each to a
// named entity or drops it. The word lists are data/reference_words.tsv and the
// roles of data/titles.tsv. Immutable after construction; safe to share.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/facts.h"
#include "extract/doc_view.h"
#include "extract/pipeline.h"

namespace chronicle::extract {

enum class Gender : uint8_t { unknown, male, female, neuter };

struct PronounInfo {
  Gender gender = Gender::unknown;  // unknown: any gender ("they")
  bool plural = false;
};

class ReferenceWords {
 public:
  static const ReferenceWords& instance();
  // The pronoun `lower` (a lower-case word), or nullptr.
  const PronounInfo* pronoun(std::string_view lower) const;
  // The kind of entity "the <lower>" names: person for roles ("chancellor"),
  // else from the nominal list ("company" -> organization), or nullopt.
  std::optional<EntityKind> nominal(std::string_view lower) const;
  // Gender a title or role word tells ("Mrs." -> female, "spokesman" -> male).
  Gender gender(std::string_view word) const;

 private:
  ReferenceWords();
  StringMap<PronounInfo> pronouns_;
  StringMap<EntityKind> nominals_;
  StringMap<Gender> genders_;
};

// Adds the pronoun and nominal mention candidates of ctx.text to ctx.facts,
// skipping words inside name mentions already found.
void add_reference_mentions(Context& ctx);

}  // namespace chronicle::extract
