// Sentence co-occurrence: which entities are named (by name or description, not
// by pronoun) in the same sentence of a document. Computed from the document
// text with the text stage's sentence splitter and kept per document in the
// cooccurrence table, so each document is scanned once.
#pragma once
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "store/db.h"

namespace chronicle::graph {

struct MentionSpan {
  int64_t local = 0, entity = 0;  // local_entity id and resolved entity id
  int64_t start = 0, end = 0;     // code points
};

struct SentencePair {
  const MentionSpan* a;           // a->local < b->local
  const MentionSpan* b;
  int64_t start = 0, end = 0;     // the sentence, code points
};

// At most this many distinct entities of one sentence are paired (a long list
// of names says little about each pair).
inline constexpr size_t kMaxEntitiesPerSentence = 12;

// Calls `out` once per pair of distinct local entities named in one sentence.
// requires: `text` is valid UTF-8; mention offsets are code points into it.
void sentence_pairs(std::string_view text, const std::vector<MentionSpan>& mentions,
                    const std::function<void(const SentencePair&)>& out);

// The mentions that take part, read from the database for one document.
std::vector<MentionSpan> cooccurrence_mentions(store::Db& db, int64_t document_id);

// Scans the documents not yet scanned and records their pairs; returns how many
// documents it scanned. requires: a writable database at schema 1.1 or later.
// throws: store::StoreError (for example when the file is read-only or busy).
size_t scan_cooccurrence(store::Db& writable);

}  // namespace chronicle::graph
