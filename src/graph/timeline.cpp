// Timeline queries (see timeline.h).
#include "graph/timeline.h"

#include <nlohmann/json.hpp>

#include "store/catalog.h"

namespace chronicle::graph {

namespace {

bool digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int days_in(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::vector<EventParticipant> parse_participants(std::string_view json) {
  std::vector<EventParticipant> out;
  const auto parsed = nlohmann::json::parse(json, nullptr, false);
  if (!parsed.is_array()) return out;
  for (const auto& p : parsed)
    if (p.is_object()) out.push_back({p.value("entity", ""), p.value("role", "")});
  return out;
}

void bind_or_null(store::Stmt& s, const char* param, const std::string& v) {
  if (v.empty()) s.bind_null(param);
  else s.bind(param, v);
}

}  // namespace

std::string_view date_precision(std::string_view date) {
  switch (date.size()) {
    case 10: return "day";
    case 7: return "month";
    case 4: return "year";
    default: return "";
  }
}

bool valid_date(std::string_view d) {
  if (d.size() != 4 && d.size() != 7 && d.size() != 10) return false;
  if (!digits(d.substr(0, 4))) return false;
  if (d.size() == 4) return true;
  if (d[4] != '-' || !digits(d.substr(5, 2))) return false;
  const int month = std::stoi(std::string(d.substr(5, 2)));
  if (month < 1 || month > 12) return false;
  if (d.size() == 7) return true;
  if (d[7] != '-' || !digits(d.substr(8, 2))) return false;
  const int day = std::stoi(std::string(d.substr(8, 2)));
  return day >= 1 && day <= days_in(std::stoi(std::string(d.substr(0, 4))), month);
}

std::vector<Evidence> event_evidence(store::Db& db, EvidenceReader& reader, int64_t event_id, size_t limit) {
  std::vector<std::tuple<int64_t, int64_t, int64_t>> spans;
  store::Stmt& s = store::cached_named(db, "event_evidence");
  s.bind(":event", event_id);
  while (s.step() && spans.size() < limit) spans.emplace_back(s.int64(0), s.int64(1), s.int64(2));
  s.reset();
  std::vector<Evidence> out;
  for (const auto& [doc, start, end] : spans) out.push_back(reader.at(doc, start, end));
  return out;
}

Timeline timeline(store::Db& db, const TimelineQuery& q) {
  Timeline out;
  if (q.by_entity && q.entities.empty()) return out;
  store::Stmt& s = store::cached_named(db, q.by_entity ? "timeline_for_entities" : "timeline");
  if (q.by_entity) s.bind(":entities", id_list(q.entities));
  bind_or_null(s, ":kind", q.kind);
  bind_or_null(s, ":from", q.from);
  bind_or_null(s, ":to", q.to);
  while (s.step()) {
    TimelineEvent e{s.int64(0), s.str(1), s.str(2), s.str(3), s.str(4), parse_participants(s.text(5)), s.int64(6), s.str(7), {}};
    if (!q.all && e.kind == "other" && e.participants.empty() && e.place.empty()) {
      ++out.hidden;
      continue;
    }
    (e.date.empty() ? out.undated : out.dated).push_back(std::move(e));
  }
  s.reset();
  if (!q.evidence) return out;
  EvidenceReader reader(db);
  for (auto* list : {&out.dated, &out.undated})
    for (TimelineEvent& e : *list) e.evidence = event_evidence(db, reader, e.id, q.evidence_limit);
  return out;
}

}  // namespace chronicle::graph
