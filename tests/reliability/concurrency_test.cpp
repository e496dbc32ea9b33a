// Readers beside a running ingest, and two ingests on one database. In WAL mode
// readers never wait for the writer: `chronicle stats` and a plain sqlite3
// session answer while an ingest holds a write transaction open, each from one
// consistent snapshot (whole, resolved documents only). A second ingest refuses
// at once with a clear message and changes nothing.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "support/corpus.h"
#include "support/db_check.h"
#include "support/process.h"
#include "support/util.h"

using namespace chronicle;
using test::quote;

namespace {

struct Setup {
  test::TempDir dir;
  std::string db, input;
  Setup() : db((dir / "x.db").string()), input(quote(dir / "in.jsonl")) { test::write_file(dir / "in.jsonl", test::generated_jsonl(400, 7)); }
  std::string ingest(const std::string& extra = "") const {
    return test::kBinary + " ingest -q --jobs 2 --batch-size 10 " + extra + " --db " + quote(db) + " " + input;
  }
};

// The problems in one `chronicle stats --format json` answer, or "".
std::string stats_problems(const std::string& db) {
  const auto r = test::chronicle("stats --format json --db " + quote(db));
  if (r.status != 0) return "stats failed: " + r.err;
  const auto j = nlohmann::json::parse(r.out);
  const int64_t kinds = j["people"].get<int64_t>() + j["organizations"].get<int64_t>() + j["locations"].get<int64_t>() + j["other"].get<int64_t>();
  if (kinds != j["entities"].get<int64_t>()) return "entity kinds do not add up: " + r.out;  // counts from two moments
  if (j["dated"].get<int64_t>() > j["events"].get<int64_t>()) return "more dated events than events: " + r.out;
  return "";
}

// One plain sqlite3 session: several reads in one transaction, like a user would.
// Every document it sees has its evidence, and every mention its node.
std::string sqlite3_problems(const std::string& db) {
  const auto r = test::run("sqlite3 " + quote(db) + " 'BEGIN; "
                           "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM evidence e WHERE e.document_id = d.id); "
                           "SELECT count(*) FROM event_mention WHERE event_id IS NULL; "
                           "SELECT count(*) FROM claim_mention WHERE claim_id IS NULL; COMMIT;'");
  if (r.status != 0 || !r.err.empty()) return "sqlite3: " + r.err;
  if (r.out != "0\n0\n0\n") return "sqlite3 saw half-stored documents: " + r.out;
  return "";
}

}  // namespace

TEST_CASE("concurrency: stats and sqlite3 read while an ingest holds a write transaction; a second ingest refuses") {
  Setup s;
  // The writer stops for 3 s with the 35th document written and its transaction open.
  test::Child writer("env CHRONICLE_FAULT=ingest.stored:35:sleep3000 " + s.ingest(), s.dir / "out", s.dir / "err");
  REQUIRE(writer.wait_for_stderr("chronicle: fault ingest.stored 35"));
  const int64_t seen = test::db_count(s.db, "SELECT count(*) FROM documents");
  CHECK(seen == 30);  // three batches of ten committed; the fourth is invisible
  CHECK(stats_problems(s.db) == "");
  CHECK(sqlite3_problems(s.db) == "");
  const auto second = test::run(s.ingest());
  CHECK(second.status == 1);
  CHECK(second.err.find("another chronicle ingest is writing to this database") != std::string::npos);
  CHECK(writer.running());  // the refusal did not disturb the first ingest
  CHECK(writer.wait() == 0);
  CHECK(test::db_problems(s.db) == "");
  CHECK(test::db_count(s.db, "SELECT count(*) FROM documents") == 400);
}

TEST_CASE("concurrency: readers in a loop during a whole ingest never fail and never see half a batch") {
  Setup s;
  test::Child writer(s.ingest(), s.dir / "out", s.dir / "err");
  int reads = 0;
  int64_t last = 0;
  while (writer.running()) {
    if (!std::filesystem::exists(s.db) || test::db_count(s.db, "SELECT count(*) FROM sqlite_master") < 5) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }
    CHECK(stats_problems(s.db) == "");
    CHECK(sqlite3_problems(s.db) == "");
    const int64_t docs = test::db_count(s.db, "SELECT count(*) FROM documents");
    CHECK(docs >= last);
    last = docs;
    ++reads;
  }
  CHECK(writer.wait() == 0);
  CHECK(reads >= 1);
  CHECK(test::db_problems(s.db) == "");
}

TEST_CASE("concurrency: two ingests started together on a new database; one writes, the other refuses") {
  Setup s;
  test::Child a(s.ingest(), s.dir / "a.out", s.dir / "a.err");
  test::Child b(s.ingest(), s.dir / "b.out", s.dir / "b.err");
  const int sa = a.wait(), sb = b.wait();
  CHECK(((sa == 0 && sb == 1) || (sa == 1 && sb == 0) || (sa == 0 && sb == 0)));
  const std::string refused = sa == 1 ? a.err() : b.err();
  if (sa == 1 || sb == 1) CHECK(refused.find("another chronicle ingest is writing") != std::string::npos);
  CHECK(test::db_problems(s.db) == "");
  CHECK(test::db_count(s.db, "SELECT count(*) FROM documents") == 400);
}
