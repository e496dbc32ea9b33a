// Crash safety of `chronicle ingest`: killed at chosen points (fault injection,
// CHRONICLE_FAULT, see src/common/fault.h) and at random moments (SIGKILL), the
// database passes SQLite's integrity and foreign-key checks, answers every view
// and `chronicle stats`, holds only whole, resolved documents, and a second run
// of the same ingest ends exactly where an uninterrupted run ends.
#include <doctest/doctest.h>

#include <signal.h>

#include <chrono>
#include <random>
#include <thread>

#include "support/corpus.h"
#include "support/db_check.h"
#include "support/process.h"
#include "support/util.h"

using namespace chronicle;
using test::quote;

namespace {

struct Inputs {
  test::TempDir dir;
  std::string args;  // input paths for the command line
  std::string reference_db;
  std::string reference;  // db_dump of an uninterrupted run
  std::map<std::string, std::string> reference_docs;

  explicit Inputs(int generated) {
    test::write_file(dir / "in/generated.jsonl", test::generated_jsonl(generated));
    args = quote(dir / "in") + " " + quote(test::kSourceDir / "samples");
    reference_db = (dir / "reference.db").string();
    const auto r = test::chronicle("ingest -q --jobs 2 --db " + quote(reference_db) + " " + args);
    REQUIRE(r.status == 0);
    reference = test::db_dump(reference_db);
    reference_docs = test::per_document(reference_db);
  }

  std::string ingest(const std::string& db, int batch) const {
    return test::kBinary + " ingest -q --jobs 2 --batch-size " + std::to_string(batch) + " --db " + quote(db) + " " + args;
  }

  // The checks after an interruption; returns the number of documents kept.
  size_t check_interrupted(const std::string& db) const {
    if (!std::filesystem::exists(db)) return 0;
    if (test::db_count(db, "SELECT count(*) FROM sqlite_master") == 0) {
      // Killed before the schema was committed: an empty file that the next
      // ingest fills in, and that query commands call empty.
      const auto stats = test::chronicle("stats --db " + quote(db));
      CHECK(stats.err.find("empty database") != std::string::npos);
      return 0;
    }
    CHECK(test::db_problems(db) == "");
    CHECK(test::chronicle("stats --db " + quote(db)).status == 0);
    // Only whole documents: each stored document has exactly its own rows.
    const auto docs = test::per_document(db);
    for (const auto& [uri, rows] : docs) {
      CAPTURE(uri);
      auto it = reference_docs.find(uri);
      REQUIRE(it != reference_docs.end());
      CHECK(test::line_diff(it->second, rows) == "");
    }
    return docs.size();
  }

  // Runs the ingest again to the end: the result equals the uninterrupted run.
  void check_completed(const std::string& db) const {
    const auto again = test::run(ingest(db, 7));
    CHECK(again.status == 0);
    CHECK(test::db_problems(db) == "");
    CHECK(test::db_count(db, "SELECT count(*) FROM documents") == static_cast<int64_t>(reference_docs.size()));
    CHECK(test::line_diff(reference, test::db_dump(db)) == "");
  }
};

}  // namespace

TEST_CASE("crash safety: killed at chosen points inside and between transactions, then run again") {
  Inputs in(60);
  const struct {
    const char* fault;
    int batch;
  } cases[] = {
      {"ingest.stored:1", 5},      // first document written, nothing committed
      {"ingest.stored:13", 5},     // mid-way through the third batch
      {"writer.resolving:2", 5},   // second batch half resolved
      {"ingest.resolved:3", 5},    // third batch resolved, not committed
      {"ingest.committed:4", 5},   // just after the fourth commit
      {"ingest.stored:40", 200},   // one big transaction, killed late
  };
  for (const auto& c : cases) {
    const std::string fault = c.fault;
    CAPTURE(fault);
    const std::string db = (in.dir / (std::string(c.fault) + ".db")).string();
    const auto killed = test::run("CHRONICLE_FAULT=" + std::string(c.fault) + " " + in.ingest(db, c.batch));
    CHECK(killed.err.find("chronicle: fault") != std::string::npos);
    CHECK(killed.status == 128 + SIGKILL);  // as the shell reports a SIGKILL
    const size_t kept = in.check_interrupted(db);
    if (std::string(c.fault).starts_with("ingest.committed")) CHECK(kept >= 4);  // four commits (of up to five documents) survived
    if (std::string(c.fault) == "ingest.stored:1") CHECK(kept == 0);
    in.check_completed(db);
  }
}

TEST_CASE("crash safety: SIGKILL at random moments, repeatedly, then run to the end") {
  Inputs in(400);
  const std::string db = (in.dir / "random.db").string();
  // How long an uninterrupted run takes, to spread the kills over it.
  const auto t0 = std::chrono::steady_clock::now();
  REQUIRE(test::run(in.ingest((in.dir / "timing.db").string(), 20)).status == 0);
  const auto full = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  const unsigned seed = std::random_device{}();
  CAPTURE(seed);
  std::minstd_rand rng(seed);
  size_t before = 0;
  for (int round = 0; round < 6; ++round) {
    CAPTURE(round);
    test::Child child(in.ingest(db, 20), in.dir / "out", in.dir / "err");
    std::this_thread::sleep_for(std::chrono::milliseconds(rng() % std::max<int64_t>(full * 2 / 3, 1)));
    child.kill(SIGKILL);
    child.wait();
    const size_t kept = in.check_interrupted(db);
    CHECK(kept >= before);  // committed documents are never lost
    before = kept;
  }
  in.check_completed(db);
}

// A resumed ingest stores the rest in other batches than an uninterrupted run
// would, so the graph must not depend on where batches end.
TEST_CASE("crash safety: the graph does not depend on the batch size") {
  Inputs in(60);
  for (const int batch : {1, 3, 11}) {
    CAPTURE(batch);
    const std::string db = (in.dir / fmt::format("batch{}.db", batch)).string();
    REQUIRE(test::run(in.ingest(db, batch)).status == 0);
    CHECK(test::line_diff(in.reference, test::db_dump(db)) == "");
  }
}
