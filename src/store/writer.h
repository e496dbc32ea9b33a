// The single writer: stores one document and its facts, linking local entities,
// events, claims and relations to their resolved nodes. All writes of a document
// happen inside the caller's transaction, so a document is stored whole or not
// at all. Idempotent by content hash: the same document twice changes nothing;
// a changed document replaces its old facts.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/document.h"
#include "common/facts.h"
#include "store/db.h"

namespace chronicle::store {

enum class Outcome { added, replaced, unchanged };

class Writer {
 public:
  explicit Writer(Db& db) : db_(db) {}
  // requires: a transaction is open on the database.
  Outcome store(const Document& doc, const DocumentFacts& facts);
  // Removes resolved nodes that lost all their evidence (after replacements) and
  // refreshes canonical names. requires: an open transaction.
  void finish_batch();
  // Content hash of a document as stored (text, metadata, extractor version).
  static std::string content_hash(const Document& doc);

 private:
  int64_t entity_id(EntityKind kind, const std::string& name, std::string& key_out);
  int64_t node_id(const char* table, const std::string& key, const std::function<void(Stmt&)>& bind_insert);

  Db& db_;
  bool replaced_ = false;  // a document was replaced: nodes may have lost evidence
  std::vector<int64_t> touched_entities_;
};

}  // namespace chronicle::store
