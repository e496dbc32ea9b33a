// Timelines over the harbour story: order, precision, filters, evidence.
#include <doctest/doctest.h>

#include <algorithm>

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

  // Everything: the undated statement is listed apart; "the talks ended",
  // unclassified and naming no one, is counted, and listed with `all`.
  const graph::Timeline story = graph::timeline(*db, {});
  CHECK(story.dated.size() == 3);
  REQUIRE(story.undated.size() == 1);
  CHECK(story.undated[0].kind == "statement");
  CHECK(story.hidden == 1);
  graph::TimelineQuery every;
  every.all = true;
  const graph::Timeline all = graph::timeline(*db, every);
  CHECK(all.undated.size() == 2);
  CHECK(all.hidden == 0);
}

TEST_CASE("timeline: an unclassified event naming no one is left out even when dated") {
  testing::TempDb tmp("timeline-hidden");
  tmp.store(testing::harbour_story());
  {
    auto rw = store::open_database(tmp.path(), store::OpenMode::read_write);
    rw->exec("UPDATE event SET date = '2025-03-04' WHERE kind = 'other'", "date_other");
  }
  auto db = store::open_database(tmp.path(), store::OpenMode::read_only);
  const graph::Timeline t = graph::timeline(*db, {});
  CHECK(t.dated.size() == 3);
  CHECK(t.hidden == 1);
  graph::TimelineQuery every;
  every.all = true;
  const graph::Timeline all = graph::timeline(*db, every);
  REQUIRE(all.dated.size() == 4);
  CHECK(std::count_if(all.dated.begin(), all.dated.end(), [](const graph::TimelineEvent& e) { return e.kind == "other"; }) == 1);
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

namespace {

// A leader, the country she leads, an older war against it and an answer to
// her offer: the context a reader of her timeline needs.
std::vector<testing::DocBuilder> westmark_story() {
  testing::DocBuilder a("https://ledger.example/sand-offer", "Sand offers talks", "Ledger", "2025-03-05",
                        "Sand offers talks\n"
                        "Chancellor Ida Sand, the leader of Westmark, offered talks to Nordland on Monday. "
                        "Nordland invaded Westmark in 2019. "
                        "Nordland rejected the offer on Tuesday. "
                        "Westmark held a parade.");
  const int32_t sand = a.entity("Ida Sand", EntityKind::person), west = a.entity("Westmark", EntityKind::location);
  const int32_t nord = a.entity("Nordland", EntityKind::location);
  const int32_t s1 = a.mention("Ida Sand", sand), w1 = a.mention("Westmark", west), n1 = a.mention("Nordland", nord);
  const int32_t n2 = a.mention("Nordland", nord, 1), w2 = a.mention("Westmark", west, 1), n3 = a.mention("Nordland", nord, 2);
  const int32_t w3 = a.mention("Westmark", west, 2);
  a.relation(s1, Predicate::leader_of, w1, "Ida Sand, the leader of Westmark");
  a.event("offered", EventKind::offer, "offer", {{s1, Role::agent}, {n1, Role::recipient}}, -1, "2025-03-03");
  a.event("invaded", EventKind::attack, "invade", {{n2, Role::agent}, {w2, Role::patient}}, -1, "2019");
  a.event("rejected", EventKind::refusal, "reject", {{n3, Role::agent}}, -1, "2025-03-04");
  a.event("parade", EventKind::other, "parade", {{w3, Role::agent}}, -1, "");

  // Westmark in an article that does not name her: not her context.
  testing::DocBuilder b("https://ledger.example/harvest", "Harvest festival", "Ledger", "2025-03-06",
                        "Harvest festival\nWestmark celebrated its harvest on Wednesday.");
  const int32_t wb = b.entity("Westmark", EntityKind::location);
  b.event("celebrated", EventKind::other, "celebrate", {{b.mention("Westmark", wb), Role::agent}}, -1, "2025-03-05");
  return {a, b};
}

}  // namespace

TEST_CASE("timeline: an entity's timeline includes the dated events of what it leads, and the answers to its events") {
  testing::TempDb tmp("timeline-context");
  tmp.store(westmark_story());
  auto db = store::open_database(tmp.path(), store::OpenMode::read_only);
  graph::TimelineQuery q;
  q.by_entity = true;
  q.entities = graph::find_entities(*db, "Ida Sand").entities;
  REQUIRE(q.entities.size() == 1);
  // Her surname alone finds her, though no article names her by it alone.
  const auto by_surname = graph::find_entities(*db, "sand").entities;
  REQUIRE(by_surname.size() == 1);
  CHECK(by_surname[0].id == q.entities[0].id);
  CHECK(graph::find_entities(*db, "Ida").entities.empty());  // a first name is no surname
  const graph::Timeline t = graph::timeline(*db, q);
  REQUIRE(t.dated.size() == 3);
  CHECK(t.dated[0].date == "2019");
  CHECK(t.dated[0].kind == "attack");
  CHECK(t.dated[0].via == "for Westmark");
  CHECK(t.dated[1].date == "2025-03-03");
  CHECK(t.dated[1].kind == "offer");
  CHECK(t.dated[1].via == "");
  CHECK(t.dated[2].date == "2025-03-04");
  CHECK(t.dated[2].kind == "refusal");
  CHECK(t.dated[2].via.starts_with("responds to: "));
  // Westmark's undated parade and its festival in an article without her are not hers.
  CHECK(t.undated.empty());

  // Westmark's own timeline has its events and no "via".
  q.entities = graph::find_entities(*db, "Westmark").entities;
  const graph::Timeline w = graph::timeline(*db, q);
  CHECK(w.dated.size() == 2);
  CHECK(w.undated.size() == 1);
  for (const auto& e : w.dated) CHECK(e.via == "");
}
