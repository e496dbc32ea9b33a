// Opening databases: creation, version checks, refusing foreign files, and the
// schema-change gate.
#include <doctest/doctest.h>

#include "store/schema.h"
#include "support/util.h"

using namespace chronicle;

TEST_CASE("schema: a new database gets the schema, its version and the views") {
  test::TempDir dir;
  auto db = store::open_database((dir / "new.db").string(), store::OpenMode::read_write);
  store::Stmt s = db->prepare("SELECT value FROM meta WHERE key = 'schema.version.major'", "t");
  REQUIRE(s.step());
  CHECK(s.str(0) == std::to_string(store::kSchemaMajor));
  for (const char* view : {"documents", "entities", "events", "claims", "relationships", "evidence", "timexes"}) {
    CAPTURE(view);
    store::Stmt v = db->prepare("SELECT count(*) FROM sqlite_master WHERE type = 'view' AND name = :name", "t");
    v.bind(":name", view);
    REQUIRE(v.step());
    CHECK(v.int64(0) == 1);
  }
  CHECK(db->scalar("PRAGMA foreign_keys", "t").value_or(0) == 1);
  store::Stmt wal = db->prepare("PRAGMA journal_mode", "t");
  REQUIRE(wal.step());
  CHECK(wal.str(0) == "wal");
}

TEST_CASE("schema: foreign files are refused and left untouched") {
  test::TempDir dir;
  const auto text_file = dir / "notes.db";
  test::write_file(text_file, "these are my notes, not a database\n");
  CHECK_THROWS_WITH_AS(store::open_database(text_file.string(), store::OpenMode::read_write),
                       doctest::Contains("not a chronicle database"), store::StoreError);
  CHECK(test::read_file(text_file) == "these are my notes, not a database\n");

  const auto other = dir / "other.db";
  {
    store::Db raw(other.string(), store::OpenMode::read_write);
    raw.exec("CREATE TABLE accounts(id INTEGER PRIMARY KEY, owner TEXT); INSERT INTO accounts(owner) VALUES ('x')", "t");
  }
  const std::string before = test::read_file(other);
  CHECK_THROWS_WITH_AS(store::open_database(other.string(), store::OpenMode::read_write),
                       doctest::Contains("not a chronicle database"), store::StoreError);
  CHECK(test::read_file(other) == before);
}

TEST_CASE("schema: another major version is refused with a clear message") {
  test::TempDir dir;
  const auto path = (dir / "old.db").string();
  {
    auto db = store::open_database(path, store::OpenMode::read_write);
    db->exec("UPDATE meta SET value = '0' WHERE key = 'schema.version.major'", "t");
  }
  CHECK_THROWS_WITH_AS(store::open_database(path, store::OpenMode::read_write), doctest::Contains("schema version 0"),
                       store::StoreError);
  CHECK_THROWS_WITH_AS(store::open_database((dir / "none.db").string(), store::OpenMode::read_only),
                       doctest::Contains("no such database"), store::StoreError);
}

// The schema is the public contract: changing a schema/*.sql file must come with a
// deliberate version bump. When this fails, bump kSchemaMinor (or kSchemaMajor for
// a change to a contract view) and the meta row, and record the new fingerprint.
TEST_CASE("schema: the schema files match the recorded fingerprint of this version") {
  const std::string recorded = test::read_file(test::kSourceDir / "schema" / "FINGERPRINT");
  const std::string expected = std::to_string(store::kSchemaMajor) + "." + std::to_string(store::kSchemaMinor) + " " +
                               store::schema_fingerprint() + "\n";
  CHECK(recorded == expected);
}
