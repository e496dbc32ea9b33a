// Claims: direct and reported speech, their speakers and dates, on sentences
// written for these tests and on the shared Berlin articles (read at test time).
#include <doctest/doctest.h>

#include "support/util.h"

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "extract/pipeline.h"
#include "read/reader.h"

using namespace chronicle;

namespace {

struct Found {
  std::string content;  // all pieces, joined by spaces
  std::string speaker;  // the speaker's entity name, or "" when unknown
  bool quoted = false;
  std::string date;
};

std::vector<Found> claims_of(const std::string& text, const std::string& anchor = "2025-12-15") {
  static const extract::Pipeline pipeline;
  Document doc;
  doc.text = text;
  doc.anchor = anchor;
  const DocumentFacts f = pipeline.run(doc);
  std::vector<Found> out;
  for (const ClaimMention& c : f.claims) {
    Found x;
    x.content = std::string(c.content.of(doc.text));
    for (const Span& s : c.more) x.content += " " + std::string(s.of(doc.text));
    if (c.speaker >= 0) {
      const Mention& m = f.mentions[static_cast<size_t>(c.speaker)];
      x.speaker = m.entity >= 0 ? f.entities[static_cast<size_t>(m.entity)].name : std::string(m.span.of(doc.text));
    }
    x.quoted = c.quoted;
    x.date = c.date;
    out.push_back(x);
  }
  return out;
}

const Found* containing(const std::vector<Found>& claims, const std::string& piece) {
  for (const Found& c : claims)
    if (c.content.find(piece) != std::string::npos) return &c;
  return nullptr;
}

}  // namespace

TEST_CASE("claims: who said what in the usual shapes") {
  const struct {
    const char* text;
    const char* piece;    // part of the expected content
    const char* speaker;  // part of the speaker's name, "" for unknown
    bool quoted;
  } cases[] = {
      {"Harbour Talks\n\n\"We will open the port next week,\" said Mara Kessler, director of the Baltic Shipping Council.",
       "open the port next week", "Kessler", true},
      {"Harbour Talks\n\n\xE2\x80\x9CThe deal is not finished,\xE2\x80\x9D Tomas Avery said on Tuesday.", "deal is not finished", "Avery", true},
      {"Harbour Talks\n\nTomas Avery told reporters that the harbour would reopen by spring.", "harbour would reopen by spring",
       "Avery", false},
      {"Harbour Talks\n\nThe ferries will resume in March, Tomas Avery said.", "ferries will resume in March", "Avery", false},
      {"Harbour Talks\n\nAccording to Mara Kessler, the cranes were sold last year.", "cranes were sold last year", "Kessler", false},
      {"Harbour Talks\n\nThe cranes were sold last year, according to Mara Kessler.", "cranes were sold last year", "Kessler", false},
      {"Harbour Talks\n\nTomas Avery, the port's chief engineer, warned that the pier could collapse.", "pier could collapse",
       "Avery", false},
      {"Harbour Talks\n\n''The tide is turning,'' said Mara Kessler.", "tide is turning", "Kessler", true},
      {"Harbour Talks\n\nMara Kessler called the new tariff \"a disaster for the dockers.\"", "disaster for the dockers", "Kessler",
       false},
      {"Harbour Talks\n\nMara Kessler said the plan was \"dead in the water\" and would be withdrawn.", "dead in the water", "Kessler",
       false},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto claims = claims_of(c.text);
    const Found* f = containing(claims, c.piece);
    REQUIRE(f != nullptr);
    CHECK(f->speaker.find(c.speaker) != std::string::npos);
    CHECK(f->quoted == c.quoted);
  }
}

TEST_CASE("claims: a quotation split by its cue or continued in the next paragraph is one claim") {
  const auto claims = claims_of(
      "Harbour Talks\n\n\xE2\x80\x9CThe cranes are old,\xE2\x80\x9D Mara Kessler said, \xE2\x80\x9C"
      "and nobody wants to pay for new ones.\n\n\xE2\x80\x9CSo we wait for the ministry.\xE2\x80\x9D\n\n"
      "\xE2\x80\x9CThat is the only way,\xE2\x80\x9D she added.");
  const Found* f = containing(claims, "cranes are old");
  REQUIRE(f != nullptr);
  CHECK(f->quoted);
  CHECK(f->content.find("nobody wants to pay") != std::string::npos);
  CHECK(f->content.find("wait for the ministry") != std::string::npos);
  CHECK(f->content.find("Kessler said") == std::string::npos);  // the cue is not content
  const Found* g = containing(claims, "the only way");
  REQUIRE(g != nullptr);
  CHECK(g->speaker.find("Kessler") != std::string::npos);  // "she" resolved
}

TEST_CASE("claims: pronouns and roles resolve to the right earlier name") {
  const auto claims = claims_of(
      "Harbour Talks\n\nPort director Maria Kessler met the transport minister, Thomas Avery, on Monday. "
      "Avery spoke first.\n\n\"We need more ships,\" she said.\n\n\"The budget is fixed,\" he said.");
  const Found* ships = containing(claims, "need more ships");
  const Found* budget = containing(claims, "budget is fixed");
  REQUIRE(ships != nullptr);
  REQUIRE(budget != nullptr);
  CHECK(ships->speaker.find("Kessler") != std::string::npos);
  CHECK(budget->speaker.find("Avery") != std::string::npos);

  const auto roles = claims_of(
      "Harbour Talks\n\nSpokeswoman Lena Ortiz announced the closure. The harbour will stay shut until May, "
      "the spokeswoman said.");
  const Found* shut = containing(roles, "stay shut until May");
  REQUIRE(shut != nullptr);
  CHECK(shut->speaker.find("Ortiz") != std::string::npos);

  const auto unknown = claims_of("Harbour Talks\n\nThe harbour will stay shut until May, one official said.");
  const Found* anon = containing(unknown, "stay shut until May");
  REQUIRE(anon != nullptr);
  CHECK(anon->speaker.empty());
}

TEST_CASE("claims: an apposition or a subordinate phrase is the speaker's, not what was said") {
  const auto claims = claims_of(
      "Harbour Talks\n\nLena Ortiz, a spokeswoman for the harbour authority, said the cranes would be replaced. "
      "The ferry operator, Tomas Avery, told reporters that the timetable stays. "
      "Asked whether the port would close in winter, Mara Kessler said it would stay open.");
  const Found* cranes = containing(claims, "cranes would be replaced");
  REQUIRE(cranes != nullptr);
  CHECK(cranes->speaker.find("Ortiz") != std::string::npos);
  CHECK(cranes->content.find("spokeswoman") == std::string::npos);
  CHECK(containing(claims, "Lena Ortiz") == nullptr);  // the apposition is no claim
  const Found* timetable = containing(claims, "timetable stays");
  REQUIRE(timetable != nullptr);
  CHECK(timetable->speaker.find("Avery") != std::string::npos);
  // The question has no named asker; the answer is Kessler's.
  const Found* question = containing(claims, "whether the port would close");
  REQUIRE(question != nullptr);
  CHECK(question->speaker.empty());
  const Found* open = containing(claims, "stay open");
  REQUIRE(open != nullptr);
  CHECK(open->speaker.find("Kessler") != std::string::npos);
  CHECK(open->content.find("whether") == std::string::npos);
}

TEST_CASE("claims: content ends where the speaker's next verb or another speaker begins") {
  const auto claims = claims_of(
      "Harbour Talks\n\nTomas Avery said the cranes were old and added that new ones would cost millions. "
      "Mara Kessler said the pier was safe \xE2\x80\x94 no different, she said, from the one in Kiel.");
  const Found* old_cranes = containing(claims, "cranes were old");
  REQUIRE(old_cranes != nullptr);
  CHECK(old_cranes->content.find("millions") == std::string::npos);
  const Found* added = containing(claims, "new ones would cost millions");
  REQUIRE(added != nullptr);
  CHECK(added->speaker.find("Avery") != std::string::npos);
  const Found* safe = containing(claims, "pier was safe");
  REQUIRE(safe != nullptr);
  CHECK(safe->content.find("Kiel") == std::string::npos);
  const Found* kiel = containing(claims, "the one in Kiel");  // the parenthetical "she said" has its own
  REQUIRE(kiel != nullptr);
  CHECK(kiel->speaker.find("Kessler") != std::string::npos);
}

TEST_CASE("claims: quotations introduced by a colon, in headlines, or standing alone") {
  const auto claims = claims_of(
      "Kessler: \xE2\x80\x98The Port Will Reopen In May.\xE2\x80\x99\n\n"
      "Mara Kessler went even further: \xE2\x80\x9CThe old pier is finished.\xE2\x80\x9D\n\n"
      "Tomas Avery declared \xE2\x80\x9CThe strike is over!\xE2\x80\x9D\n\n"
      "Avery said that \xE2\x80\x9Cthe ships will come back.\xE2\x80\x9D\n\n"
      "\xE2\x80\x9C" "A harbour is a place of work and a place of rest, and it always has been.\xE2\x80\x9D");
  const Found* headline = containing(claims, "Port Will Reopen In May");
  REQUIRE(headline != nullptr);
  CHECK(headline->quoted);
  CHECK(headline->speaker.find("Kessler") != std::string::npos);
  const Found* pier = containing(claims, "old pier is finished");
  REQUIRE(pier != nullptr);
  CHECK(pier->quoted);
  CHECK(pier->speaker.find("Kessler") != std::string::npos);
  const Found* strike = containing(claims, "strike is over");
  REQUIRE(strike != nullptr);
  CHECK(strike->quoted);  // reported speech that is one whole quotation
  const Found* ships = containing(claims, "ships will come back");
  REQUIRE(ships != nullptr);
  CHECK_FALSE(ships->quoted);  // "said that “...”" quotes inside reported speech
  // A quotation standing alone in the next paragraph continues the claim
  // before it (news style: the speaker goes on).
  const Found* harbour = containing(claims, "place of work");
  REQUIRE(harbour != nullptr);
  CHECK(harbour == ships);
  CHECK(harbour->speaker.find("Avery") != std::string::npos);
}

TEST_CASE("claims: an evidential clause names no source") {
  const auto claims = claims_of(
      "Harbour Talks\n\nThe harbour authority seemed unprepared for the storm. The new cranes are expected to arrive in May.");
  const Found* unprepared = containing(claims, "seemed unprepared");
  REQUIRE(unprepared != nullptr);
  CHECK(unprepared->content.find("harbour authority") != std::string::npos);
  CHECK(unprepared->speaker.empty());
  const Found* cranes = containing(claims, "arrive in May");
  REQUIRE(cranes != nullptr);
  CHECK(cranes->speaker.empty());
}

TEST_CASE("claims: the date is the cue's time expression, else the anchor") {
  const auto claims = claims_of(
      "Harbour Talks\n\n\"The port is open,\" Mara Kessler said on Sunday.\n\n\"It stays open,\" Tomas Avery said.",
      "2025-12-15");
  const Found* sunday = containing(claims, "port is open");
  const Found* plain = containing(claims, "stays open");
  REQUIRE(sunday != nullptr);
  REQUIRE(plain != nullptr);
  CHECK(sunday->date == "2025-12-14");
  CHECK(plain->date == "2025-12-15");
}

TEST_CASE("claims: every expert quotation in the Berlin articles has the right speaker" * doctest::skip(chronicle::test::no_berlin())) {
  const std::string dir = std::string(CHRONICLE_SHARED_DIR) + "/corpus/berlin";
  if (!std::filesystem::exists(dir)) {
    MESSAGE("no shared Berlin corpus at " << dir);
    return;
  }
  // Short pieces of what was said, and who said it (any of the name forms).
  const struct {
    const char* piece;
    std::vector<std::string> speakers;
  } expected[] = {
      {"move the needle", {"Logan"}},
      {"to appear reasonable", {"Logan"}},
      {"change the matter", {"Logan"}},
      {"non-issue", {"Michta"}},
      {"not an issue", {"Michta"}},
      {"significant and substantive", {"Bruen"}},
      {"to contrast Ukraine", {"Bruen"}},
      {"hedge bets", {"Bruen"}},
      {"need action", {"Bruen"}},
      {"needs action", {"Bruen"}},
      {"insurance for what Trump", {"Bruen"}},
      {"Article 5", {"Zelensk"}},
      {"unlikely to be constructive", {"Ushakov"}},
      {"sharp objections", {"Ushakov"}},
      {"foreseeable future", {"Zelensk"}},
      {"opportunity to prevent", {"Zelensk"}},
      {"compromise on our part", {"Zelensk"}},
      {"progress was made", {"Witkoff"}},
      {"special discussion", {"Peskov"}},
      {"consider this fair", {"Zelensk"}},
      {"worth much", {"Pistorius"}},
      {"cornerstone", {"Kremlin", "Peskov"}},
  };
  read::Options options;
  read::Walker walker({dir}, options);
  read::Unit unit;
  std::vector<read::Problem> problems;
  std::vector<Found> all;
  while (walker.next(unit, problems)) {
    const Document doc = read::parse(unit, options);
    for (Found& f : claims_of(doc.text, doc.anchor)) all.push_back(std::move(f));
  }
  REQUIRE(all.size() > 20);
  for (const auto& e : expected) {
    CAPTURE(e.piece);
    size_t seen = 0;
    for (const Found& f : all) {
      if (f.content.find(e.piece) == std::string::npos) continue;
      ++seen;
      CAPTURE(f.content);
      CHECK(std::any_of(e.speakers.begin(), e.speakers.end(),
                        [&](const std::string& s) { return f.speaker.find(s) != std::string::npos; }));
    }
    CHECK(seen > 0);
  }
}
