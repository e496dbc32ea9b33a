// The event coreference rules of resolve/events.h on hand-made features.
#include <doctest/doctest.h>

#include "resolve/events.h"

using namespace chronicle;
using resolve::EventFeatures;

namespace {

EventFeatures event(int64_t doc, const char* kind, const char* lemma, const char* date, resolve::IdSet agents,
                    resolve::IdSet places = {}) {
  EventFeatures f;
  f.document = doc;
  f.kind = kind;
  f.lemmas = {lemma};
  f.date = date;
  f.agents = std::move(agents);
  f.places = std::move(places);
  return f;
}

}  // namespace

TEST_CASE("event rules: dates") {
  CHECK(resolve::dates_compatible("2025-12", "2025-12-14"));
  CHECK(resolve::dates_compatible("", "2025-12-14"));
  CHECK_FALSE(resolve::dates_compatible("2025-12-14", "2025-12-15"));
  CHECK_FALSE(resolve::dates_compatible("2022", "2025-12-14"));
  CHECK(resolve::finer_date("2025-12", "2025-12-14") == "2025-12-14");
  const struct {
    const char* day;
    int weekday;
    const char* nearest;
  } cases[] = {{"2025-12-14", 1, "2025-12-15"}, {"2025-12-14", 7, "2025-12-14"}, {"2025-12-14", 5, "2025-12-12"},
               {"2026-03-01", 6, "2026-02-28"}, {"not a day", 1, ""}};
  for (const auto& c : cases) {
    CAPTURE(c.day);
    CHECK(resolve::nearest_weekday(c.day, c.weekday) == c.nearest);
  }
  CHECK(resolve::weekday_of("2025-12-14") == 7);
}

TEST_CASE("event rules: within one document") {
  const EventFeatures talks = event(1, "meeting", "talks", "2025-12-14", {}, {10});
  CHECK(resolve::same_event_in_document(talks, event(1, "meeting", "negotiations", "", {})));
  CHECK_FALSE(resolve::same_event_in_document(talks, event(1, "meeting", "talks", "2025-12-15", {})));     // another day
  CHECK_FALSE(resolve::same_event_in_document(talks, event(1, "meeting", "talks", "", {}, {11})));          // another place
  CHECK_FALSE(resolve::same_event_in_document(talks, event(1, "offer", "offer", "", {})));                  // another kind
  CHECK(resolve::same_event_in_document(event(1, "statement", "say", "", {5}), event(1, "statement", "add", "", {5})));
  CHECK_FALSE(resolve::same_event_in_document(event(1, "statement", "say", "", {5}), event(1, "statement", "say", "", {6})));
  CHECK_FALSE(resolve::same_event_in_document(event(1, "other", "join", "", {}), event(1, "other", "leave", "", {})));
}

TEST_CASE("event rules: across documents") {
  const EventFeatures dated = event(1, "meeting", "talks", "2025-12-14", {3}, {10});
  // An undated report of the same talks in the same story joins; in another story it does not.
  CHECK(resolve::same_event_across(dated, event(2, "meeting", "meeting", "", {3}, {10}), {0.6, 0}));
  CHECK_FALSE(resolve::same_event_across(dated, event(2, "meeting", "meeting", "", {3}, {10}), {0.05, 0}));
  // Dated reports of one day with a shared participant join whatever the story.
  CHECK(resolve::same_event_across(dated, event(2, "meeting", "talks", "2025-12-14", {3}), {0.05, 0}));
  CHECK_FALSE(resolve::same_event_across(dated, event(2, "meeting", "talks", "2025-12-15", {3}), {0.9, 0}));
  // Different attackers are different attacks.
  CHECK_FALSE(resolve::same_event_across(event(1, "attack", "attack", "2022", {1}), event(2, "attack", "attack", "2022", {2}), {0.9, 0}));
  // The same document never links to itself here.
  CHECK_FALSE(resolve::same_event_across(dated, dated, {1.0, 0}));
}
