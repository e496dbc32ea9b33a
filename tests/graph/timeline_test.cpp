// Timelines over the harbour story: order, precision, filters, evidence.
#include <doctest/doctest.h>

#include "story.h"
#include "graph/timeline.h"

using namespace chronicle;

TEST_CASE("timeline: dates and precision") {
  const struct {
    const char* date;
    bool valid;
    const char* precision;
  } cases[] = {
      {"2025-03-04", true, "day"}, {"2025-03", true, "month"}, {"2025", true, "year"}, {"2024-02-29", true, "day"},
      {"2025-02-29", false, "day"}, {"2025-13", false, "month"}, {"25-03-04", false, ""}, {"March", false, ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.date);
    CHECK(graph::valid_date(c.date) == c.valid);
    CHECK(graph::date_precision(c.date) == c.precision);
  }
}

TEST_CASE("timeline: an entity's events in date order, undated apart, with evidence sentences") {
  testing::TempDb tmp("timeline");
  tmp.store(testing::harbour_story());
  auto db = store::open_database(tmp.path(), store::OpenMode::read_only);

  graph::TimelineQuery q;
  q.by_entity = true;
  q.entities = graph::find_entities(*db, "BERG").entities;  // alias, any case
  REQUIRE(q.entities.size() == 1);
  CHECK(q.entities[0].name == "Tomas Berg");
  q.evidence = true;
  const graph::Timeline t = graph::timeline(*db, q);
  REQUIRE(t.dated.size() == 3);
  // Month precision sorts before the days of that month.
  CHECK(t.dated[0].date == "2025-03");
  CHECK(t.dated[0].kind == "refusal");
  CHECK(t.dated[1].date == "2025-03-03");
  CHECK(t.dated[2].date == "2025-03-04");
  CHECK(t.dated[1].place == "Carville");
  CHECK(t.dated[1].participants.size() == 2);
  REQUIRE(t.dated[1].evidence.size() == 1);
  CHECK(t.dated[1].evidence[0].text == "met");
  CHECK(t.dated[1].evidence[0].sentence == "Mayor Lena Ortiz met union leader Tomas Berg in Carville on Monday.");
  CHECK(t.dated[1].evidence[0].document.title == "Mayor and union meet over port strike");
  CHECK(t.undated.empty());

  // Everything: the two undated events are listed apart, not dropped.
  const graph::Timeline all = graph::timeline(*db, {});
  CHECK(all.dated.size() == 3);
  CHECK(all.undated.size() == 2);
}

TEST_CASE("timeline: period and kind filters overlap partial dates") {
  testing::TempDb tmp("timeline-period");
  tmp.store(testing::harbour_story());
  auto db = store::open_database(tmp.path(), store::OpenMode::read_only);
  const struct {
    const char* from;
    const char* to;
    const char* kind;
    size_t dated;
  } cases[] = {
      {"2025-03-04", "", "", 2},        // the month-level refusal overlaps the day
      {"", "2025-03-03", "", 2},
      {"2025-03-04", "2025-03-04", "meeting", 1},
      {"2025-04", "", "", 0},
      {"2025", "2025", "", 3},
      {"", "", "refusal", 1},
  };
  for (const auto& c : cases) {
    CAPTURE(c.from);
    CAPTURE(c.to);
    graph::TimelineQuery q;
    q.from = c.from, q.to = c.to, q.kind = c.kind;
    CHECK(graph::timeline(*db, q).dated.size() == c.dated);
  }
}

TEST_CASE("lookup: names, aliases and suggestions") {
  testing::TempDb tmp("lookup");
  tmp.store(testing::harbour_story());
  auto db = store::open_database(tmp.path(), store::OpenMode::read_only);
  CHECK(graph::find_entities(*db, "lena ortiz").entities.at(0).name == "Lena Ortiz");
  CHECK(graph::find_entities(*db, "ÓRTIZ").entities.at(0).name == "Lena Ortiz");  // folded
  const graph::NameMatch none = graph::find_entities(*db, "Ortis");
  CHECK(none.entities.empty());
  REQUIRE_FALSE(none.suggestions.empty());
  CHECK(none.suggestions[0] == "Lena Ortiz");
  CHECK(graph::edit_distance("kitten", "sitting", 5) == 3);
  CHECK(graph::edit_distance("abcd", "abdc", 5) == 1);
}
