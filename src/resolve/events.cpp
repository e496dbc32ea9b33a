// Event coreference rules (see events.h).
#include "resolve/events.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>

namespace chronicle::resolve {

namespace {

bool intersects(const std::set<int64_t>& a, const std::set<int64_t>& b) {
  for (const int64_t x : a)
    if (b.count(x)) return true;
  return false;
}

bool intersects(const std::set<std::string>& a, const std::set<std::string>& b) {
  for (const auto& x : a)
    if (b.count(x)) return true;
  return false;
}

// Both sides name something and share nothing: two different values.
template <typename Set>
bool conflict(const Set& a, const Set& b) {
  return !a.empty() && !b.empty() && !intersects(a, b);
}

size_t shared(const std::set<int64_t>& a, const std::set<int64_t>& b) {
  size_t n = 0;
  for (const int64_t x : a) n += b.count(x);
  return n;
}

}  // namespace

std::set<int64_t> EventFeatures::entities() const {
  std::set<int64_t> all = agents;
  all.insert(others.begin(), others.end());
  all.insert(places.begin(), places.end());
  return all;
}

void EventFeatures::absorb(const EventFeatures& o) {
  lemmas.insert(o.lemmas.begin(), o.lemmas.end());
  date = finer_date(date, o.date);
  agents.insert(o.agents.begin(), o.agents.end());
  others.insert(o.others.begin(), o.others.end());
  places.insert(o.places.begin(), o.places.end());
  position = std::max(position, o.position);
}

bool dates_compatible(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return true;
  const size_t n = std::min(a.size(), b.size());
  return a.compare(0, n, b, 0, n) == 0;
}

std::string finer_date(const std::string& a, const std::string& b) { return a.size() >= b.size() ? a : b; }

bool same_event_in_document(const EventFeatures& a, const EventFeatures& b) {
  if (a.kind != b.kind || !dates_compatible(a.date, b.date)) return false;
  if (conflict(a.places, b.places) || conflict(a.agents, b.agents)) return false;
  if (a.kind == "other" && !intersects(a.lemmas, b.lemmas)) return false;
  // What several people say are several statements; one person's remarks in
  // one article, one.
  if (a.kind == "statement") return !a.agents.empty() && intersects(a.agents, b.agents);
  return true;
}

bool same_event_across(const EventFeatures& a, const EventFeatures& b, double story_overlap) {
  if (a.document == b.document || a.kind != b.kind || !dates_compatible(a.date, b.date)) return false;
  if (conflict(a.places, b.places) || conflict(a.agents, b.agents)) return false;
  const size_t common = shared(a.entities(), b.entities());
  const bool same_words = intersects(a.lemmas, b.lemmas);
  const bool both_dated = !a.date.empty() && !b.date.empty();
  if (a.kind == "statement") return both_dated && intersects(a.agents, b.agents);
  if (a.kind == "other") {
    // Unclassified events meet only by their word, within one story.
    return same_words && story_overlap >= 0.3 && (common > 0 || both_dated || story_overlap >= 0.5);
  }
  if (both_dated) return common > 0 || (same_words && story_overlap >= 0.3);
  // An undated report joins a dated one (or another undated one) when the two
  // articles tell one story and the event shares its people or place.
  return common > 0 && story_overlap >= 0.25;
}

namespace {

std::optional<std::chrono::sys_days> parse_day(const std::string& day) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (day.size() != 10 || std::sscanf(day.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd};
}

}  // namespace

int weekday_of(const std::string& day) {
  const auto d = parse_day(day);
  return d ? static_cast<int>(std::chrono::weekday{*d}.iso_encoding()) : 0;
}

std::string nearest_weekday(const std::string& day, int weekday) {
  const auto d = parse_day(day);
  if (!d || weekday < 1 || weekday > 7) return {};
  for (int k : {0, 1, -1, 2, -2, 3, -3}) {
    const std::chrono::sys_days c = *d + std::chrono::days{k};
    if (static_cast<int>(std::chrono::weekday{c}.iso_encoding()) != weekday) continue;
    const std::chrono::year_month_day ymd{c};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return buf;
  }
  return {};
}

}  // namespace chronicle::resolve
