// Database versions and files that are not chronicle databases. A database
// written by an older minor schema version (1.0, before full-text search and the
// graph tables) is migrated on the first write, atomically, and keeps answering
// read-only queries before that without being modified; a newer or unreadable
// version, a corrupt file and foreign files are refused with a message and left
// exactly as they were.
#include <doctest/doctest.h>

#include <set>

#include "common/embedded.h"
#include "store/schema.h"
#include "support/db_check.h"
#include "support/util.h"

using namespace chronicle;
using test::quote;

namespace {

const char* kArticle = "Marta Vinck of the dockworkers' union met Labour Minister Pieter De Wolf in Brussels on Monday.\n";
const char* kLater = "Pieter De Wolf said in Antwerp on Tuesday that talks with Marta Vinck would continue.\n";

std::set<std::string> objects(store::Db& db) {
  std::set<std::string> out;
  store::Stmt s = db.prepare("SELECT type || ' ' || name FROM sqlite_master", "objects");
  while (s.step()) out.insert(s.str(0));
  return out;
}

// Schema files that 1.0 did not have (100_lean_indexes.sql only drops).
const std::set<std::string> kAfter1_0 = {"070_search.sql", "080_graph.sql", "110_search_backlog.sql", "120_partial_indexes.sql"};

// A database as chronicle 1.0 wrote it: the schema files of 1.0 only, minor
// version 0, holding the documents of `input`. Built by ingesting with this
// chronicle and taking away what schema 1.1 added.
void make_v1_0(const std::string& path, const std::string& input) {
  REQUIRE(test::chronicle("ingest -q --db " + quote(path) + " " + input).status == 0);
  std::set<std::string> v1_0;
  {
    test::TempDir tmp;
    store::Db fresh((tmp / "v10.db").string(), store::OpenMode::read_write);
    for (const EmbeddedFile& f : embedded::schema_files())
      if (!kAfter1_0.count(std::string(f.name))) fresh.exec(f.data, "schema");
    v1_0 = objects(fresh);
  }
  store::Db db(path, store::OpenMode::read_write);
  for (const char* type : {"trigger", "index", "table"}) {
    for (const std::string& o : objects(db)) {
      const std::string name = o.substr(o.find(' ') + 1);
      if (!o.starts_with(type) || v1_0.count(o) || name.starts_with("sqlite_")) continue;
      try {
        db.exec(fmt::format("DROP {} IF EXISTS \"{}\"", type, name), "downgrade");
      } catch (const store::StoreError&) {
        // shadow tables of an FTS5 table go with it
      }
    }
  }
  db.exec("DELETE FROM meta WHERE key NOT IN ('application', 'schema.version.major', 'schema.version.minor');"
          "UPDATE meta SET value = '0' WHERE key = 'schema.version.minor'; PRAGMA wal_checkpoint(TRUNCATE);",
          "downgrade");
  CHECK(objects(db) == v1_0);
}

std::string meta_minor(const std::string& path) {
  store::Db db(path, store::OpenMode::read_only);
  store::Stmt s = db.prepare("SELECT value FROM meta WHERE key = 'schema.version.minor'", "minor");
  return s.step() ? s.str(0) : "";
}

}  // namespace

TEST_CASE("versioning: a 1.0 database answers read-only untouched, and migrates on the next ingest") {
  test::TempDir dir;
  test::write_file(dir / "a.txt", kArticle);
  test::write_file(dir / "b.txt", kLater);
  const std::string path = (dir / "old.db").string();
  make_v1_0(path, quote(dir / "a.txt"));
  REQUIRE(meta_minor(path) == "0");
  const std::string before = test::read_file(path);
  const auto stats = test::chronicle("stats --db " + quote(path));
  CHECK(stats.status == 0);
  CHECK(stats.out.find("documents") != std::string::npos);
  CHECK(test::read_file(path) == before);

  const auto ingest = test::chronicle("ingest -q --db " + quote(path) + " " + quote(dir / "b.txt"));
  CHECK(ingest.status == 0);
  CHECK(meta_minor(path) == std::to_string(store::kSchemaMinor));
  CHECK(test::db_problems(path) == "");
  CHECK(test::db_count(path, "SELECT count(*) FROM documents") == 2);
  // The search index added by 1.1 covers the documents stored before it existed.
  CHECK(test::db_count(path, "SELECT count(*) FROM document_fts WHERE document_fts MATCH 'Brussels'") == 1);
  CHECK(test::db_count(path, "SELECT count(*) FROM document_fts WHERE document_fts MATCH 'Antwerp'") == 1);
}

TEST_CASE("versioning: a migration killed half-way leaves the 1.0 database, and the next run migrates it") {
  test::TempDir dir;
  test::write_file(dir / "a.txt", kArticle);
  test::write_file(dir / "b.txt", kLater);
  const std::string path = (dir / "old.db").string();
  make_v1_0(path, quote(dir / "a.txt"));
  const auto killed = test::run("CHRONICLE_FAULT=schema.migrating:1 " + test::kBinary + " ingest -q --db " + quote(path) + " " + quote(dir / "b.txt"));
  CHECK(killed.err.find("chronicle: fault schema.migrating 1") != std::string::npos);
  CHECK(meta_minor(path) == "0");
  CHECK(test::db_count(path, "SELECT count(*) FROM sqlite_master WHERE name = 'document_fts'") == 0);
  CHECK(test::db_problems(path) == "");
  CHECK(test::chronicle("ingest -q --db " + quote(path) + " " + quote(dir / "b.txt")).status == 0);
  CHECK(meta_minor(path) == std::to_string(store::kSchemaMinor));
  CHECK(test::db_count(path, "SELECT count(*) FROM documents") == 2);
}

TEST_CASE("versioning: newer, unreadable and other major versions are refused with a message and left untouched") {
  test::TempDir dir;
  test::write_file(dir / "a.txt", kArticle);
  const struct {
    const char* sql;
    const char* message;
    bool readable;  // read-only commands still answer
  } cases[] = {
      {"UPDATE meta SET value = '99' WHERE key = 'schema.version.minor'", "written by a newer chronicle (schema 1.99)", true},
      {"UPDATE meta SET value = 'x' WHERE key = 'schema.version.minor'", "unreadable chronicle schema version '1.x'", false},
      {"UPDATE meta SET value = '2' WHERE key = 'schema.version.major'", "chronicle schema version 2.", false},
      {"UPDATE meta SET value = 'notes' WHERE key = 'application'", "not a chronicle database", false},
      {"DROP TABLE meta", "not a chronicle database", false},
  };
  for (const auto& c : cases) {
    CAPTURE(c.sql);
    const std::string path = (dir / "v.db").string();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    REQUIRE(test::chronicle("ingest -q --db " + quote(path) + " " + quote(dir / "a.txt")).status == 0);
    {
      store::Db db(path, store::OpenMode::read_write);
      db.exec(c.sql, "tamper");
      db.exec("PRAGMA wal_checkpoint(TRUNCATE)", "checkpoint");
    }
    const std::string before = test::read_file(path);
    const auto r = test::chronicle("ingest -q --db " + quote(path) + " " + quote(dir / "a.txt"));
    CHECK(r.status == 1);
    CHECK(r.err.find(c.message) != std::string::npos);
    CHECK(test::read_file(path) == before);
    CHECK((test::chronicle("stats --db " + quote(path)).status == 0) == c.readable);
    CHECK(test::read_file(path) == before);
  }
}

TEST_CASE("versioning: files that are not chronicle databases are refused without being touched") {
  test::TempDir dir;
  test::write_file(dir / "a.txt", kArticle);
  const std::string good = (dir / "good.db").string();
  REQUIRE(test::chronicle("ingest -q --db " + quote(good) + " " + quote(dir / "a.txt")).status == 0);
  const std::string image = test::read_file(good);
  const struct {
    const char* name;
    std::string bytes;
  } cases[] = {
      {"text.db", "my notes, not a database\n"},
      {"header-only.db", std::string("SQLite format 3\0", 16)},
      {"garbage-after-header.db", std::string("SQLite format 3\0", 16) + std::string(4096, '\x5A')},
      {"truncated.db", image.substr(0, image.size() / 2)},
      {"zeroed-pages.db", image.substr(0, 100) + std::string(image.size() - 100, '\0')},
      {"binary.db", std::string("\x7F" "ELF\x02\x01\x01\0", 8) + std::string(2000, '\x01')},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const auto path = dir / c.name;
    test::write_file(path, c.bytes);
    for (const std::string cmd : {"ingest -q --db " + quote(path) + " " + quote(dir / "a.txt"), "stats --db " + quote(path)}) {
      const auto r = test::chronicle(cmd);
      CAPTURE(r.err);
      CHECK(r.status == 1);  // a message, not a crash
      CHECK(r.err.find(path.string()) != std::string::npos);
      CHECK(test::read_file(path) == c.bytes);
    }
    CHECK(!std::filesystem::exists(path.string() + "-wal"));
    CHECK(!std::filesystem::exists(path.string() + "-journal"));
  }
  const auto dir_as_db = test::chronicle("ingest -q --db " + quote(dir.path()) + " " + quote(dir / "a.txt"));
  CHECK(dir_as_db.status == 1);
  CHECK(dir_as_db.err.find(dir.path().string()) != std::string::npos);
}
