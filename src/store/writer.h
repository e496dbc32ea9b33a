// The single writer: stores one document and its facts, then (per batch) the
// resolution that links them to the graph's nodes. All writes happen inside the
// caller's transaction, so a batch of whole documents is stored with its
// resolution or not at all. Idempotent by content hash: the same document twice
// changes nothing; a changed document replaces its old facts.
#pragma once
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/document.h"
#include "common/facts.h"
#include "store/db.h"
#include "resolve/events.h"
#include "resolve/story.h"
#include "store/claim_resolver.h"
#include "store/entity_resolver.h"
#include "store/pending_events.h"
#include "store/search_backlog.h"

namespace chronicle::store {

enum class Outcome { added, replaced, unchanged };

class Writer {
 public:
  explicit Writer(Db& db) : db_(db), entities_(db), pending_(db), search_(db) {}
  // Whether finish_batch() judges events across documents on a second thread
  // while it resolves claims (the default), or all in its own thread; the
  // graph is the same (tested).
  void judge_apart(bool on) { judge_apart_ = on; }
  // How resolution reads what it needs (store::Reads).
  void reads(Reads how) { reads_ = how; }
  // requires: a transaction is open on the database.
  Outcome store(const Document& doc, const DocumentFacts& facts);
  // Resolves what the batch stored: entities across documents, then the event,
  // claim and relation nodes of new mentions and of mentions whose entities
  // moved; removes nodes left without evidence. requires: an open transaction,
  // called before it commits.
  void finish_batch();
  // Content hash of a document as stored (text, metadata, extractor version).
  static std::string content_hash(const Document& doc);

 private:
  void forget_document(int64_t id);
  void store_entities(int64_t doc_id, const Document& doc, const DocumentFacts& facts, std::vector<int64_t>& local_ids);
  void resolve_relations(const std::vector<int64_t>& mentions);
  void resolve_claims(const std::vector<int64_t>& mentions);
  // Describes a claim's content for resolution (claim_contents_) as it is stored.
  void describe_claim(const Document& doc, const ClaimMention& c);
  // Resolves event mentions; `refresh`: those whose facts changed (dates,
  // participants). With `claims`, resolves those claim mentions too, while the
  // events are judged across documents on a second thread.
  void resolve_events(const std::vector<int64_t>& mentions, const std::set<int64_t>& refresh,
                      const std::vector<int64_t>* claims = nullptr);
  // Dates the weekday references of undated documents from events they share
  // with dated ones; returns the event mentions it dated.
  std::vector<int64_t> infer_anchors();
  void touched_claim_mentions(int64_t mention);
  void refresh_nodes();
  // The canonical name and kind of an entity from its local entities (the
  // rules are in the definition); nullopt when it has none.
  std::optional<std::pair<std::string, std::string>> entity_name_now(int64_t id, std::string_view key);
  // The same from the entity's local entities as given.
  struct LocalName {
    std::string name, kind;
    int64_t document;
  };
  std::optional<std::pair<std::string, std::string>> entity_name_now(const std::vector<LocalName>& locals, std::string_view key);
  // The story words of every stored document, read from the database on first
  // use (the first store) and kept up to date by store() and forget_document()
  // after that.
  const resolve::StoryIndex& stories();

  Db& db_;
  EntityResolver entities_;
  PendingEvents pending_;  // event mentions of this batch, written when it is resolved
  SearchBacklog search_;   // full-text entries of this batch's documents and claims, written in bulk
  size_t unindexed_documents_ = 0;
  size_t batch_documents_ = 0;  // stored (new or replacing) in this batch
  // Whether resolution reads whole tables rather than a query per row (reads_;
  // by size: when the batch's documents are at least half of those stored),
  // decided once a batch, in whole_.
  bool whole_tables();
  bool whole_ = false;
  std::vector<int64_t> new_relations_, new_claims_, new_events_;  // mention ids of this batch
  std::set<int64_t> touched_entities_, touched_events_, touched_claims_;
  std::set<int64_t> made_claims_;  // claim nodes made (and summarised) by this batch
  std::set<int64_t> made_events_;  // event nodes of several mentions made (and summarised) by this batch
  std::set<int64_t> forgotten_speakers_;  // speakers of claims of replaced documents (this batch)
  resolve::StoryIndex stories_;
  bool stories_loaded_ = false;
  // The story neighbours of this batch's documents, found as they are stored
  // (while extraction of the next ones runs), not when the batch is resolved.
  resolve::StoryNeighbours neighbours_{resolve::kSameStoryWords};
  bool replaced_ = false;  // a document was replaced: nodes may have lost evidence
  bool judge_apart_ = true;
  Reads reads_ = Reads::by_size;
  ClaimResolver::Contents claim_contents_;  // the batch's claims, described as stored
};

}  // namespace chronicle::store
