// Event mentions kept until their batch is resolved (see pending_events.h).
#include "store/pending_events.h"

#include <algorithm>
#include <optional>

namespace chronicle::store {

int64_t PendingEvents::add(PendingEvent e) {
  // The next rowid SQLite would give (INTEGER PRIMARY KEY without AUTOINCREMENT).
  if (!next_id_) next_id_ = db_.scalar("SELECT coalesce(max(id), 0) + 1 FROM event_mention", "next_event_mention_id").value_or(1);
  e.id = next_id_++;
  if (events_.empty()) first_id_ = e.id;
  // Each local entity once, with its first role, by local id (event_participant's key).
  std::stable_sort(e.participants.begin(), e.participants.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  e.participants.erase(std::unique(e.participants.begin(), e.participants.end(),
                                   [](const auto& x, const auto& y) { return x.first == y.first; }),
                       e.participants.end());
  by_document_[e.document].push_back(e.id);
  const int64_t id = e.id;
  events_.push_back(std::move(e));
  ++kept_;
  return id;
}

void PendingEvents::forget(int64_t document) {
  const auto it = by_document_.find(document);
  if (it == by_document_.end()) return;
  for (const int64_t id : it->second)
    if (PendingEvent* e = find(id)) {
      *e = PendingEvent{};  // id 0: forgotten
      --kept_;
    }
  by_document_.erase(it);
}

PendingEvent* PendingEvents::find(int64_t id) {
  if (id < first_id_ || id >= first_id_ + static_cast<int64_t>(events_.size())) return nullptr;
  PendingEvent& e = events_[static_cast<size_t>(id - first_id_)];
  return e.id ? &e : nullptr;
}

const std::vector<int64_t>* PendingEvents::of_document(int64_t document) const {
  const auto it = by_document_.find(document);
  return it == by_document_.end() ? nullptr : &it->second;
}

void PendingEvents::link(int64_t a, int64_t b) {
  if (find(a) || find(b)) links_.insert(std::minmax(a, b));
  else write_link(std::minmax(a, b));
}

void PendingEvents::respond(int64_t source, int64_t target) {
  if (find(source) || find(target)) responses_.emplace(source, target);
  else write_response({source, target});
}

void PendingEvents::write_link(std::pair<int64_t, int64_t> ab) {
  db_.cached("link_event_clusters", "INSERT OR IGNORE INTO event_link (a, b) VALUES (:a, :b)").bind(":a", ab.first).bind(":b", ab.second).run();
}

void PendingEvents::write_response(std::pair<int64_t, int64_t> response) {
  db_.cached("link_event_response", "INSERT OR IGNORE INTO event_response (source, target) VALUES (:source, :target)")
      .bind(":source", response.first).bind(":target", response.second).run();
}

void PendingEvents::flush() {
  Stmt& ins = db_.cached("insert_event_mention",
                         "INSERT INTO event_mention (id, document_id, span_start, span_end, text, kind, lemma, date, timex_value, "
                         "place_local_id, sentence, cluster, event_id) "
                         "VALUES (:id, :doc, :span_start, :span_end, :text, :kind, :lemma, :date, :timex, :place, :sentence, :cluster, :event)");
  Stmt& part = db_.cached("insert_event_participant",
                          "INSERT INTO event_participant (event_mention_id, local_entity_id, role) VALUES (:mention, :local, :role)");
  for (const PendingEvent& e : events_) {
    if (!e.id) continue;  // forgotten
    const int64_t id = e.id;
    ins.reset();
    ins.bind(":id", id).bind(":doc", e.document).bind(":span_start", e.span_start).bind(":span_end", e.span_end).bind(":text", e.text)
        .bind(":kind", e.kind).bind(":lemma", e.lemma).bind_or_null(":date", e.date).bind_or_null(":timex", e.timex)
        .bind_or_null(":place", e.place ? std::optional<int64_t>(e.place) : std::nullopt).bind(":sentence", e.sentence)
        .bind(":cluster", e.cluster).bind_or_null(":event", e.event ? std::optional<int64_t>(e.event) : std::nullopt).run();
    for (const auto& [local, role] : e.participants) {
      part.reset();
      part.bind(":mention", id).bind(":local", local).bind(":role", role).run();
    }
  }
  for (const auto& ab : links_) write_link(ab);
  for (const auto& response : responses_) write_response(response);
  events_.clear();
  kept_ = 0;
  by_document_.clear();
  links_.clear();
  responses_.clear();
  next_id_ = 0;
}

}  // namespace chronicle::store
