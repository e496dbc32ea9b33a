// Event coreference rules (see events.h).
#include "resolve/events.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <cstdio>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>

#include "common/embedded.h"
#include "extract/lemma.h"

namespace chronicle::resolve {

namespace {

// Both sides name something and share nothing: two different values.
template <typename Set>
bool conflict(const Set& a, const Set& b) {
  return !a.empty() && !b.empty() && !intersects(a, b);
}

// Whether two events share an entity in any role (a.entities() and
// b.entities() intersect, without building them).
bool share_entity(const EventFeatures& a, const EventFeatures& b) {
  for (const IdSet* x : {&a.agents, &a.others, &a.places})
    for (const IdSet* y : {&b.agents, &b.others, &b.places})
      if (intersects(*x, *y)) return true;
  return false;
}

// Kinds an article retells in other words, and kinds an event can answer.
// (As string_views: those compare lengths before bytes.)
bool retold_kind(std::string_view kind) {
  using namespace std::string_view_literals;
  return kind == "meeting"sv || kind == "offer"sv || kind == "agreement"sv || kind == "deal"sv || kind == "demand"sv ||
         kind == "refusal"sv || kind == "visit"sv || kind == "statement"sv;
}
bool answerable_kind(std::string_view kind) {
  using namespace std::string_view_literals;
  return kind == "offer"sv || kind == "demand"sv || kind == "agreement"sv || kind == "deal"sv || kind == "threat"sv ||
         kind == "accusation"sv || kind == "sanction"sv;
}

}  // namespace

IdSet EventFeatures::entities() const {
  IdSet all = agents;
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
  first = std::min(first, o.first);
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
  // Talks, offers and deals are retold in other words ("the talks", "the
  // negotiations", "the meeting"); attacks, disasters, votes and other events
  // of which an article often reports several need the same word.
  if (!retold_kind(a.kind) && !intersects(a.lemmas, b.lemmas)) return false;
  // What several people say are several statements; one person's remarks in
  // one article, one.
  if (a.kind == "statement") return !a.agents.empty() && intersects(a.agents, b.agents);
  return true;
}

bool needs_same_word(std::string_view kind) { return !retold_kind(kind); }

bool one_story(const StoryOverlap& story) { return story.words >= kSameStoryWords || story.entities >= kSameStoryEntities; }

bool same_event_across(const EventFeatures& a, const EventFeatures& b, const StoryOverlap& story) {
  return same_event_across(a, b, [&] { return story; });
}

bool same_event_across(const EventFeatures& a, const EventFeatures& b, const std::function<StoryOverlap()>& story_of) {
  if (a.document == b.document || !dates_compatible(a.date, b.date)) return false;
  if (conflict(a.places, b.places) || conflict(a.agents, b.agents)) return false;
  std::optional<StoryOverlap> known;
  const auto story = [&]() -> const StoryOverlap& {
    if (!known) known = story_of();
    return *known;
  };
  const bool same_words = intersects(a.lemmas, b.lemmas);
  const bool statement = a.kind == "statement" || b.kind == "statement";
  // One word in two tellings of one story: one event, whatever kind each
  // article's context gave it. What several people say stays several statements.
  if (same_words && !statement && story().words >= kSameStoryWords) return true;
  if (a.kind != b.kind) return false;
  const bool both_dated = !a.date.empty() && !b.date.empty();
  if (statement) return both_dated && intersects(a.agents, b.agents);
  if (a.kind == "other") {
    // Unclassified events meet only by their word, within one story.
    return same_words && story().entities >= kSameStoryEntities && (share_entity(a, b) || both_dated || story().entities >= 0.5);
  }
  const bool common = share_entity(a, b);
  if (both_dated) return common || (same_words && story().entities >= kSameStoryEntities);
  // An undated report joins a dated one (or another undated one) when the two
  // articles tell one story and the event shares its people or place.
  return common && story().entities >= 0.25;
}

namespace {

const std::multimap<std::string, std::string>& concept_table(bool by_concept) {
  static const auto tables = [] {
    std::pair<std::multimap<std::string, std::string>, std::multimap<std::string, std::string>> out;
    embedded::for_each_row("event_concepts.tsv", [&](const std::vector<std::string_view>& cols) {
      if (cols.size() < 2) return;
      out.first.emplace(cols[0], cols[1]);
      out.second.emplace(cols[1], cols[0]);
    });
    return out;
  }();
  return by_concept ? tables.second : tables.first;
}

}  // namespace

std::string root_of(const std::string& lemma) {
  if (lemma.find(' ') != std::string::npos) return lemma;
  const std::string base = extract::base_form(lemma);
  // Nouns of an act: the verb they come from, with or without its final e
  // ("nomination" -> nominat -> nominate).
  static constexpr std::string_view endings[] = {"ation", "ment", "ion", "ure", "al"};
  for (const std::string_view ending : endings) {
    if (base.size() < ending.size() + 4 || !base.ends_with(ending)) continue;
    std::string stem = base.substr(0, base.size() - ending.size());
    if (extract::common_word(stem)) return stem;
    stem.push_back('e');
    if (extract::common_word(stem)) return stem;
  }
  return base;
}

std::vector<std::string> concepts_of(const std::string& lemma) {
  // Resolution asks for the concepts of every lemma it meets, many times over.
  thread_local std::unordered_map<std::string, std::vector<std::string>> known;
  if (auto it = known.find(lemma); it != known.end()) return it->second;
  const auto& t = concept_table(false);
  const std::string root = root_of(lemma);
  std::vector<std::string> out;
  for (const std::string& word : {lemma, root}) {
    const auto range = t.equal_range(word);
    for (auto it = range.first; it != range.second; ++it)
      if (std::find(out.begin(), out.end(), it->second) == out.end()) out.push_back(it->second);
  }
  if (out.empty()) out.push_back(root);
  return known[lemma] = out;
}

std::vector<std::string> lemmas_of(const std::string& name) {
  std::vector<std::string> out{name};
  const auto range = concept_table(true).equal_range(name);
  for (auto it = range.first; it != range.second; ++it)
    if (it->second != name) out.push_back(it->second);
  return out;
}

bool is_response(const EventFeatures& e) {
  static const std::set<std::string> words = [] {
    std::set<std::string> out;
    embedded::for_each_row("response_words.txt", [&](const std::vector<std::string_view>& cols) { out.emplace(cols[0]); });
    return out;
  }();
  return e.kind == "refusal" || intersects(e.lemmas, words);
}

bool answers(const EventFeatures& response, const EventFeatures& earlier) {
  if (!answerable_kind(earlier.kind) || earlier.first >= response.first) return false;
  return !earlier.agents.empty() && !intersects(earlier.agents, response.agents);
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
