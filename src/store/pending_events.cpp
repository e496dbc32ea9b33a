// Event mentions kept until their batch is resolved (see pending_events.h).
#include "store/pending_events.h"

#include <algorithm>
#include <array>
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

namespace {

using Pair = std::pair<int64_t, int64_t>;
constexpr std::string_view kInsertLinks = "INSERT OR IGNORE INTO event_link (a, b)";
constexpr std::string_view kInsertResponses = "INSERT OR IGNORE INTO event_response (source, target)";
void bind_pair(Stmt& s, int i, const Pair& p) { s.bind_at(i, p.first).bind_at(i + 1, p.second); }

}  // namespace

void PendingEvents::link(int64_t a, int64_t b) {
  if (find(a) || find(b)) links_.insert(std::minmax(a, b));
  else insert_rows(db_, kInsertLinks, 2, std::array{Pair(std::minmax(a, b))}, bind_pair);
}

void PendingEvents::respond(int64_t source, int64_t target) {
  if (find(source) || find(target)) responses_.emplace(source, target);
  else insert_rows(db_, kInsertResponses, 2, std::array{Pair(source, target)}, bind_pair);
}

void PendingEvents::flush() {
  std::vector<const PendingEvent*> kept;
  struct Participant {
    int64_t mention, local;
    const std::string* role;
  };
  std::vector<Participant> participants;
  for (const PendingEvent& e : events_) {
    if (!e.id) continue;  // forgotten
    kept.push_back(&e);
    for (const auto& [local, role] : e.participants) participants.push_back({e.id, local, &role});
  }
  const auto id_or_null = [](int64_t id) { return id ? std::optional<int64_t>(id) : std::nullopt; };
  insert_rows(db_,
              "INSERT INTO event_mention (id, document_id, span_start, span_end, text, kind, lemma, date, timex_value, "
              "place_local_id, sentence, cluster, event_id)",
              13, kept, [&](Stmt& s, int i, const PendingEvent* e) {
                s.bind_at(i, e->id).bind_at(i + 1, e->document).bind_at(i + 2, e->span_start).bind_at(i + 3, e->span_end);
                s.bind_at(i + 4, e->text).bind_at(i + 5, e->kind).bind_at(i + 6, e->lemma).bind_or_null_at(i + 7, e->date);
                s.bind_or_null_at(i + 8, e->timex).bind_or_null_at(i + 9, id_or_null(e->place)).bind_at(i + 10, e->sentence);
                s.bind_at(i + 11, e->cluster).bind_or_null_at(i + 12, id_or_null(e->event));
              });
  insert_rows(db_, "INSERT INTO event_participant (event_mention_id, local_entity_id, role)", 3, participants,
              [](Stmt& s, int i, const Participant& p) { s.bind_at(i, p.mention).bind_at(i + 1, p.local).bind_at(i + 2, *p.role); });
  insert_rows(db_, kInsertLinks, 2, std::vector<Pair>(links_.begin(), links_.end()), bind_pair);
  insert_rows(db_, kInsertResponses, 2, std::vector<Pair>(responses_.begin(), responses_.end()), bind_pair);
  events_.clear();
  kept_ = 0;
  by_document_.clear();
  links_.clear();
  responses_.clear();
  next_id_ = 0;
}

}  // namespace chronicle::store
