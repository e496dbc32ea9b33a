// In-document coreference: groups the mentions of one document into LocalEntity
// chains. A surname or shortened name joins the full name it shortens ("Merz" ->
// "Friedrich Merz"), an acronym its expansion, and each chain is named by its
// fullest form. Pronouns ("he", "its") and nominals ("the chancellor", "the
// company") join the chain they refer to by agreement, recency and role; those
// that refer to no named entity are removed.
#pragma once
#include <string>
#include <string_view>

#include "common/document.h"
#include "common/facts.h"
#include "text/segment.h"

namespace chronicle::resolve {

// `s` with every run of Unicode white space as one ASCII space, trimmed.
std::string normalize_space(std::string_view s);

// Sets Mention::entity for every mention of `facts`, drops unresolved nominal and
// pronoun mentions, sorts the mentions by span and fills facts.entities.
// requires: only the name extractor has run (no other fact refers to mentions).
// ensures: every mention has an entity; every entity has at least one mention.
void link_document(const Document& doc, const text::Analysis& text, DocumentFacts& facts);

}  // namespace chronicle::resolve
