// The event mentions of the documents a batch stores, kept in memory until the
// batch is resolved and then written once, with their in-document cluster and
// their node. Written when stored and updated twice after resolution, they cost
// a third more (docs/resolution.md, Cost). Ids are given when a mention is
// kept, in the order SQLite would have given them, so that resolution can name
// clusters and links by them before the rows exist; the links and responses
// that name a kept mention wait with it (their foreign keys need its row).
#pragma once
#include <algorithm>
#include <cstdint>
#include <deque>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/db.h"

namespace chronicle::store {

struct PendingEvent {
  int64_t id = 0, document = 0;
  int64_t span_start = 0, span_end = 0;  // code points
  std::string text, kind, lemma;
  std::string date, timex;  // empty: NULL
  int64_t place = 0;        // local entity, 0: none
  int64_t sentence = 0;
  // Local entity and role, each local entity once (its first role), by local id,
  // as event_participant holds them.
  std::vector<std::pair<int64_t, std::string>> participants;
  int64_t cluster = 0, event = 0;  // set by resolution
};

class PendingEvents {
 public:
  explicit PendingEvents(Db& db) : db_(db) {}
  // Keeps a mention (`e.id` is ignored; its participants are put in
  // event_participant's order, each local entity once with its first role);
  // returns its id.
  int64_t add(PendingEvent e);
  // Drops the kept mentions of a document deleted before the batch ended.
  void forget(int64_t document);
  bool empty() const { return kept_ == 0; }
  PendingEvent* find(int64_t id);
  // The kept mentions of a document, in id order; null when it has none kept.
  const std::vector<int64_t>* of_document(int64_t document) const;
  // Links two clusters (named by their first mentions) as one event, and a
  // response to what it answers: written at once between written mentions,
  // kept until flush() when either is kept. unlink() drops a kept link.
  void link(int64_t a, int64_t b);
  void unlink(int64_t a, int64_t b) { links_.erase(std::minmax(a, b)); }
  void respond(int64_t source, int64_t target);
  // Writes the kept mentions with their participants, then the kept links and
  // responses; empties the set. requires: every kept mention has its node.
  void flush();

 private:

  Db& db_;
  int64_t next_id_ = 0;  // 0: read from the table at the next add()
  // Kept mentions by id - first id (ids are consecutive); a forgotten one has id 0.
  // A deque: what find() returns stays put as mentions are added.
  std::deque<PendingEvent> events_;
  int64_t first_id_ = 0;  // of events_.front()
  size_t kept_ = 0;
  std::unordered_map<int64_t, std::vector<int64_t>> by_document_;
  std::set<std::pair<int64_t, int64_t>> links_, responses_;  // (a < b), (source, target)
};

}  // namespace chronicle::store
