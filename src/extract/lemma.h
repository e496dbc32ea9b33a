// Base forms of English words for event-trigger lemmas, without a dictionary of
// inflections: irregular verbs come from data/irregular_verbs.tsv, and regular
// endings (-ed, -ing, -s, -es, -ies) are stripped only when the stripped form is
// a word of the Debian wamerican list ("arrested" -> arrest, "stopped" -> stop,
// "hoped" -> hope, "dies" -> die, "shot" -> shoot). Immutable; thread-safe.
#pragma once
#include <string>
#include <string_view>

namespace chronicle::extract {

// Base form of a lower-cased word; the word itself when no rule applies.
std::string base_form(std::string_view lower);

// True for a past tense or participle form: an irregular past ("struck",
// "shot") or a regular "-ed" form whose stem is a word ("arrested").
bool past_form(std::string_view lower);

// True when the lower-cased word is a common word of the wamerican list.
bool common_word(std::string_view lower);

}  // namespace chronicle::extract
