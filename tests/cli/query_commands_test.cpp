// The query commands as a user runs them: --help everywhere, exit statuses
// (0 success, 1 bad input, 2 bad usage), tables that fit 80 columns, JSON that
// parses, and the Berlin corpus answering a timeline query.
#include <doctest/doctest.h>

#include <functional>

#include "support/util.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "../graph/story.h"
#include "common/utf8.h"
#include "run.h"

using namespace chronicle;
using testing::run_chronicle;

namespace {

const std::vector<std::string> kCommands = {"timeline", "entity", "entities", "claims", "path", "neighbors", "export", "stats", "search"};

size_t widest(const testing::RunResult& r) {
  size_t w = 0;
  for (const std::string& line : r.lines()) w = std::max(w, utf8::count(line));
  return w;
}

}  // namespace

TEST_CASE("cli: --help on every query command") {
  for (const std::string& c : kCommands) {
    CAPTURE(c);
    const auto r = run_chronicle({c, "--help"});
    CHECK(r.status == 0);
    CHECK(r.out.find("--db") != std::string::npos);
  }
}

TEST_CASE("cli: exit statuses for bad input and bad usage") {
  testing::TempDb tmp("cli-status");
  tmp.store(testing::harbour_story());
  const std::string db = tmp.path();
  const struct {
    std::vector<std::string> args;
    int status;
    const char* err;
  } cases[] = {
      {{"timeline", "--db", db, "--entity", "Ortis"}, 1, "did you mean: Lena Ortiz"},
      {{"entity", "--db", db, "Tomas Burg"}, 1, "Tomas Berg"},
      {{"path", "--db", db, "Ortiz", "Nobody Known"}, 1, "no entity named"},
      {{"neighbors", "--db", db, "Berg", "--depth", "0"}, 2, ""},
      {{"timeline", "--db", db, "--from", "March 2025"}, 2, "not a date"},
      {{"timeline", "--db", db, "--from", "2025-04", "--to", "2025-03"}, 2, "after"},
      {{"timeline", "--db", db, "--kind", "picnic"}, 2, ""},
      {{"timeline", "--db", db, "--format", "xml"}, 2, ""},
      {{"path", "--db", db, "Ortiz"}, 2, ""},
      {{"export", "--db", db}, 2, ""},
      {{"export", "--db", db, "--format", "csv"}, 2, "--out"},
      {{"search", "--db", db, "?!"}, 2, "word"},
      {{"stats", "--db", "/nonexistent/story.db"}, 1, "no such database"},
      {{"timeline", "--db", "/nonexistent/story.db"}, 1, "no such database"},
      {{"timeline", "--db", db, "--entity", "ortiz"}, 0, ""},
      {{"path", "--db", db, "Reyes", "Carville", "--max-hops", "1"}, 0, ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.args[0]);
    CAPTURE(c.args.back());
    const auto r = run_chronicle(c.args);
    CHECK(r.status == c.status);
    CHECK(r.err.find(c.err) != std::string::npos);
  }
}

TEST_CASE("cli: table output fits 80 columns") {
  testing::TempDb tmp("cli-width");
  tmp.store(testing::harbour_story());
  const std::string db = tmp.path();
  const std::vector<std::vector<std::string>> runs = {
      {"timeline", "--db", db, "--evidence"}, {"entity", "--db", db, "Tomas Berg"}, {"entities", "--db", db},
      {"claims", "--db", db}, {"path", "--db", db, "Ana Reyes", "Dockworkers Union"}, {"neighbors", "--db", db, "Reyes", "--depth", "3"},
      {"search", "--db", db, "Carville"}, {"stats", "--db", db}};
  for (const auto& args : runs) {
    CAPTURE(args[0]);
    const auto r = run_chronicle(args);
    CHECK(r.status == 0);
    CHECK(r.out.size() > 0);
    CHECK(widest(r) <= 80);
  }
}

TEST_CASE("cli: JSON output parses and has the documented fields") {
  testing::TempDb tmp("cli-json");
  tmp.store(testing::harbour_story());
  const std::string db = tmp.path();
  auto json_of = [&](std::vector<std::string> args) {
    args.insert(args.end(), {"--db", db, "--format", "json"});
    const auto r = run_chronicle(args);
    REQUIRE_MESSAGE(r.status == 0, r.err);
    return nlohmann::json::parse(r.out);
  };
  const auto t = json_of({"timeline", "--entity", "Berg", "--evidence"});
  REQUIRE(t["events"].size() == 3);
  CHECK(t["events"][0]["precision"] == "month");
  CHECK(t["events"][1]["place"] == "Carville");
  CHECK(t["events"][1]["evidence"][0]["document"]["title"] == "Mayor and union meet over port strike");
  CHECK(t["entities"][0]["name"] == "Tomas Berg");
  const auto whole = json_of({"timeline"});
  CHECK(whole["undated"].size() == 1);
  CHECK(whole["hidden"] == 1);  // "the talks ended": unclassified, naming no one
  CHECK(json_of({"timeline", "--all"})["undated"].size() == 2);

  const auto p = json_of({"path", "Lena Ortiz", "Dockworkers Union"});
  CHECK(p["found"] == true);
  REQUIRE(p["hops"].size() == 2);
  CHECK(p["hops"][1]["link"]["phrase"] == "leader_of");
  CHECK(p["hops"][1]["evidence"][0]["sentence"] == "Berg, head of the Dockworkers Union, rejected her offer.");

  const auto c = json_of({"claims", "--speaker", "ortiz"});
  REQUIRE(c["claims"].size() == 1);
  CHECK(c["claims"][0]["content"] == "the port strike must end this week");
  CHECK(c["claims"][0]["quoted"] == false);

  const auto e = json_of({"entity", "Berg"});
  CHECK(e["relations"][0]["predicate"] == "leader_of");
  CHECK(e["claims_by"].size() == 1);

  const auto r = json_of({"entities", "--kind", "person"});
  CHECK(r["measure"] == "pagerank");
  CHECK(r["entities"].size() == 3);

  const auto n = json_of({"neighbors", "Reyes"});
  CHECK(n["neighbors"][0]["entity"]["label"] == "Tomas Berg");

  const auto s = json_of({"search", "mediators"});
  CHECK(s["claims"][0]["speaker"] == "Ana Reyes");
  CHECK(s["documents"].size() == 1);

  const auto st = json_of({"stats"});
  CHECK(st["events"] == 5);
  CHECK(st["components"] == 2);
}

TEST_CASE("cli: the Berlin corpus answers entity questions about Zelenskyy" * doctest::skip(chronicle::test::no_berlin())) {
  const std::string corpus = std::string(CHRONICLE_SHARED_DIR) + "/corpus/berlin";
  if (!std::filesystem::exists(corpus)) {
    MESSAGE("no shared corpus at " << corpus);
    return;
  }
  testing::TempDb tmp("cli-berlin");
  REQUIRE(run_chronicle({"ingest", "--db", tmp.path(), corpus}).status == 0);
  const auto t = run_chronicle({"timeline", "--db", tmp.path(), "--entity", "Zelenskyy", "--format", "json"});
  CHECK_MESSAGE(t.status == 0, t.err);
  const auto doc = nlohmann::json::parse(t.out);
  CHECK(doc["entities"][0]["name"].get<std::string>().find("Zelensk") != std::string::npos);
  // The 2022 invasion (Ukraine's, which he leads), the Berlin talks and the
  // Kremlin's answer a day later, in that order, each with its sources.
  const auto& events = doc["events"];
  auto index_of = [&](const std::function<bool(const nlohmann::json&)>& is) {
    for (size_t i = 0; i < events.size(); ++i)
      if (is(events[i])) return static_cast<int>(i);
    return -1;
  };
  const int invasion = index_of([](const nlohmann::json& e) { return e["date"] == "2022" && e["kind"] == "attack"; });
  const int talks = index_of([](const nlohmann::json& e) { return e["date"] == "2025-12-14" && e["kind"] == "meeting" && e["sources"] >= 3; });
  const int answer = index_of([](const nlohmann::json& e) {
    return e["date"] == "2025-12-15" && e["label"].get<std::string>().find("Kremlin") != std::string::npos;
  });
  CHECK(invasion >= 0);
  CHECK(talks > invasion);
  CHECK(answer > talks);
  if (invasion >= 0) CHECK(events[static_cast<size_t>(invasion)]["via"] == "for Ukraine");
  if (answer >= 0) CHECK(events[static_cast<size_t>(answer)]["via"].get<std::string>().starts_with("responds to: "));
  const auto table = run_chronicle({"timeline", "--db", tmp.path(), "--entity", "Zelenskyy", "--evidence"});
  CHECK(table.status == 0);
  CHECK(widest(table) <= 80);
  CHECK(table.out.find("2025-12-15") != std::string::npos);
  // A surname finds the person; every hop of the path cites its sentence.
  const auto path = run_chronicle({"path", "--db", tmp.path(), "Justin Logan", "Peskov", "--format", "json"});
  CHECK_MESSAGE(path.status == 0, path.err);
  if (path.status == 0) {
    const auto p = nlohmann::json::parse(path.out);
    CHECK(p["found"] == true);
    CHECK(p["to"]["name"] == "Dmitry Peskov");
    REQUIRE(!p["hops"].empty());
    for (const auto& hop : p["hops"]) {
      REQUIRE(!hop["evidence"].empty());
      CHECK(!hop["evidence"][0]["sentence"].get<std::string>().empty());
    }
  }
  const auto bruen = run_chronicle({"claims", "--db", tmp.path(), "--speaker", "Bruen", "--format", "json"});
  CHECK(bruen.status == 0);
  CHECK(nlohmann::json::parse(bruen.out)["claims"].size() >= 3);
  const auto e = run_chronicle({"entity", "--db", tmp.path(), "zelensky"});
  CHECK_MESSAGE(e.status == 0, e.err);
  CHECK(widest(e) <= 80);
  CHECK(run_chronicle({"neighbors", "--db", tmp.path(), "Zelenskyy"}).status == 0);
  CHECK(run_chronicle({"entities", "--db", tmp.path(), "--top", "5"}).status == 0);
}
