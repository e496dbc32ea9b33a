// Resolution keys: the normalised form under which mentions of the same entity
// from different documents meet. Spelling and transliteration variants map to one
// key by rule (Zelenskiy / Zelensky / Zelenskyy; Kyiv / Kiev; U.S. / US / United
// States), not by a list of names.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "common/facts.h"

namespace chronicle::resolve {

// Words of a name, folded (lower case, no diacritics), without punctuation and
// possessive endings: "Volodymyr Zelenskiy's" -> {"volodymyr", "zelenskiy"}.
std::vector<std::string> name_words(std::string_view name);

// A word's transliteration skeleton: the variants of one Slavic or Arabic name
// in Latin letters give one skeleton ("zelenskiy", "zelensky", "zelenskyy" ->
// "zelensky"; "kyiv", "kiev" -> "kiv").
std::string skeleton(std::string_view folded_word);

// The cross-document key of an entity named `name` of kind `kind`:
// "location:country:UKR" for countries, else "name:<skeletons of the words>"
// (the kind is left out on purpose: see keys.cpp).
std::string entity_key(EntityKind kind, std::string_view name);

}  // namespace chronicle::resolve
