// Opening a database of an older minor version for writing brings it to this
// one: what 1.1 added (full-text indexes filled from the rows already there, the
// graph tables), 1.2's dropped indexes, 1.3's full-text triggers and 1.4's
// constraints written as comparisons.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include "../graph/story.h"
#include "store/catalog.h"

using namespace chronicle;

TEST_CASE("schema: a 1.0 database is migrated to 1.1 on open for writing") {
  testing::TempDb tmp("migration");
  tmp.store(testing::harbour_story());
  {
    // Take the 1.1 objects away again: what a database written by 1.0 looks like.
    auto db = store::open_database(tmp.path(), store::OpenMode::read_write);
    db->exec(R"sql(
      DROP TABLE document_fts; DROP TABLE claim_fts;
      DROP TRIGGER document_fts_insert; DROP TRIGGER document_fts_delete; DROP TRIGGER document_fts_update;
      DROP TRIGGER claim_fts_insert; DROP TRIGGER claim_fts_delete; DROP TRIGGER claim_fts_update;
      DROP TABLE cooccurrence; DROP TABLE cooccurrence_scan; DROP TABLE graph_cache;
      DROP INDEX mention_name; DROP INDEX event_place;
      DROP TRIGGER document_generation_insert; DROP TRIGGER document_generation_delete; DROP TRIGGER entity_generation_update;
      DROP TRIGGER local_entity_generation_update; DROP TRIGGER event_mention_generation_update;
      DROP TRIGGER claim_mention_generation_update; DROP TRIGGER relation_mention_generation_update;
      DROP TRIGGER event_generation_update;
      DELETE FROM meta WHERE key = 'data.generation';
      UPDATE meta SET value = '0' WHERE key = 'schema.version.minor';)sql", "simulate_1_0");
  }
  {
    auto db = store::open_database(tmp.path(), store::OpenMode::read_only);  // reading changes nothing
    CHECK_FALSE(store::has_table(*db, "document_fts"));
  }
  auto db = store::open_database(tmp.path(), store::OpenMode::read_write);
  CHECK(db->scalar("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema.version.minor'", "minor") == store::kSchemaMinor);
  CHECK(db->scalar("SELECT count(*) FROM document_fts WHERE document_fts MATCH 'mediators'", "fts_documents") == 1);
  CHECK(db->scalar("SELECT count(*) FROM claim_fts WHERE claim_fts MATCH 'strike'", "fts_claims") == 1);
  CHECK(store::has_table(*db, "graph_cache"));
  CHECK(db->scalar("SELECT count(*) FROM meta WHERE key = 'data.generation'", "generation") == 1);
}

TEST_CASE("schema: the full-text index follows documents replaced and removed") {
  testing::TempDb tmp("fts-sync");
  auto story = testing::harbour_story();
  tmp.store(story);
  story[1].doc.text += " Mediators arrived on Friday.";
  tmp.store({story[1]});  // a changed document replaces the old one
  auto db = store::open_database(tmp.path(), store::OpenMode::read_write);
  CHECK(db->scalar("SELECT count(*) FROM document_fts WHERE document_fts MATCH 'friday'", "fts_new") == 1);
  CHECK(db->scalar("SELECT count(*) FROM document_fts WHERE document_fts MATCH 'mediators'", "fts_replaced") == 1);
  db->exec("DELETE FROM document WHERE uri = 'https://gazette.example/strike-talks'", "remove");
  CHECK(db->scalar("SELECT count(*) FROM document_fts WHERE document_fts MATCH 'strike'", "fts_removed") == 0);
}

TEST_CASE("schema: a 1.1 database loses the event-mention indexes no query uses, keeping its rows") {
  testing::TempDb tmp("migration-1-2");
  tmp.store(testing::harbour_story());
  int64_t mentions = 0;
  {
    // What a database written by 1.1 looks like: the two indexes, minor version 1.
    auto db = store::open_database(tmp.path(), store::OpenMode::read_write);
    db->exec(R"sql(
      CREATE INDEX event_mention_cluster ON event_mention (cluster);
      CREATE INDEX event_mention_lemma ON event_mention (lemma, kind);
      UPDATE meta SET value = '1' WHERE key = 'schema.version.minor';)sql", "simulate_1_1");
    mentions = db->scalar("SELECT count(*) FROM event_mention", "mentions").value_or(0);
  }
  REQUIRE(mentions > 0);
  auto db = store::open_database(tmp.path(), store::OpenMode::read_write);
  CHECK(db->scalar("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema.version.minor'", "minor") == store::kSchemaMinor);
  CHECK(db->scalar("SELECT count(*) FROM sqlite_master WHERE name IN ('event_mention_cluster', 'event_mention_lemma')", "indexes") == 0);
  CHECK(db->scalar("SELECT count(*) FROM event_mention", "mentions_after") == mentions);
}

TEST_CASE("schema: a 1.2 database gets the full-text triggers that leave an ingest batch's rows to the writer") {
  testing::TempDb tmp("migration-1-3");
  tmp.store(testing::harbour_story());
  {
    // What 1.2 had: triggers that index every row themselves.
    auto db = store::open_database(tmp.path(), store::OpenMode::read_write);
    db->exec(R"sql(
      DROP TRIGGER document_fts_insert;
      CREATE TRIGGER document_fts_insert AFTER INSERT ON document BEGIN
        INSERT INTO document_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
      END;
      UPDATE meta SET value = '2' WHERE key = 'schema.version.minor';)sql", "simulate_1_2");
  }
  auto db = store::open_database(tmp.path(), store::OpenMode::read_write);
  CHECK(db->scalar("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema.version.minor'", "minor") == store::kSchemaMinor);
  CHECK(db->scalar("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%search.backlog.%'", "backlog_triggers") == 6);
  db.reset();
  auto story = testing::harbour_story();
  story[0].doc.text += " Tugboats waited.";
  tmp.store({story[0]});
  db = store::open_database(tmp.path(), store::OpenMode::read_write);
  CHECK(db->scalar("SELECT count(*) FROM document_fts WHERE document_fts MATCH 'tugboats'", "fts_after") == 1);
  CHECK_NOTHROW(db->exec("INSERT INTO document_fts (document_fts, rank) VALUES ('integrity-check', 1)", "check_fts"));
}

TEST_CASE("schema: a 1.3 database gets its value-list constraints as comparisons, with its rows and the same rules") {
  testing::TempDb tmp("migration-1-4");
  tmp.store(testing::harbour_story());
  int64_t events = 0;
  {
    // What 1.3 had: the event kinds as an IN list. Its text is this version's
    // with the comparisons (kind = 'meeting' OR ...) turned back into the
    // list, put in place the way the migration takes it away.
    auto db = store::open_database(tmp.path(), store::OpenMode::read_write);
    store::Stmt& read = db->cached("event_sql", "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'event'");
    REQUIRE(read.step());
    std::string sql = read.str(0);
    read.reset();
    const size_t from = sql.find("CHECK (kind = "), to = sql.find(")", from);
    REQUIRE(from != std::string::npos);
    std::string kinds;
    for (size_t q = sql.find('\'', from); q < to; q = sql.find('\'', sql.find('\'', q + 1) + 1))
      kinds += (kinds.empty() ? "" : ", ") + sql.substr(q, sql.find('\'', q + 1) - q + 1);
    sql.replace(from, to + 1 - from, "CHECK (kind IN (" + kinds + "))");
    const int64_t version = db->scalar("PRAGMA schema_version", "version").value_or(0);
    db->exec("PRAGMA writable_schema = ON", "writable_on");
    db->cached("simulate_1_3", "UPDATE sqlite_master SET sql = :sql WHERE type = 'table' AND name = 'event'").bind(":sql", sql).run();
    db->exec(fmt::format("PRAGMA schema_version = {}; PRAGMA writable_schema = OFF;"
                         "UPDATE meta SET value = '3' WHERE key = 'schema.version.minor'", version + 1), "simulate_1_3_version");
    events = db->scalar("SELECT count(*) FROM event", "events").value_or(0);
  }
  REQUIRE(events > 0);
  {
    auto db = store::open_database(tmp.path(), store::OpenMode::read_only);
    REQUIRE(db->scalar("SELECT count(*) FROM sqlite_master WHERE name = 'event' AND sql LIKE '%kind IN (%'", "old_text") == 1);
  }
  auto db = store::open_database(tmp.path(), store::OpenMode::read_write);
  CHECK(db->scalar("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema.version.minor'", "minor") == store::kSchemaMinor);
  CHECK(db->scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND instr(sql, ' IN (''') > 0", "in_lists") == 0);
  CHECK(db->scalar("SELECT count(*) FROM sqlite_master WHERE name = 'event' AND sql LIKE '%kind = ''disaster'' OR kind = ''other''%'", "new_text") == 1);
  CHECK(db->scalar("SELECT count(*) FROM event", "events_after") == events);
  store::Stmt& check = db->cached("integrity", "PRAGMA integrity_check");
  REQUIRE(check.step());
  CHECK(check.text(0) == "ok");
  check.reset();
  // The same rule: a kind outside the list is refused, one in it accepted.
  CHECK_THROWS_WITH_AS(db->exec("INSERT INTO event (key, kind, label) VALUES ('x1', 'picnic', 'picnic')", "bad_kind"),
                       doctest::Contains("CHECK constraint failed"), store::StoreError);
  CHECK_NOTHROW(db->exec("INSERT INTO event (key, kind, label) VALUES ('x2', 'disaster', 'flood')", "good_kind"));
}

TEST_CASE("schema: a 1.4 database gets partial indexes for its mostly-NULL columns, and queries and deletes use them") {
  testing::TempDb tmp("migration-1-5");
  tmp.store(testing::harbour_story());
  {
    // What 1.4 had: the same indexes over every row.
    auto db = store::open_database(tmp.path(), store::OpenMode::read_write);
    db->exec(R"sql(
      DROP INDEX event_mention_place; CREATE INDEX event_mention_place ON event_mention (place_local_id);
      DROP INDEX event_place; CREATE INDEX event_place ON event (place_entity_id);
      DROP INDEX claim_mention_part; CREATE INDEX claim_mention_part ON claim_mention (part_of);
      UPDATE meta SET value = '4' WHERE key = 'schema.version.minor';)sql", "simulate_1_4");
  }
  auto db = store::open_database(tmp.path(), store::OpenMode::read_write);
  CHECK(db->scalar("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema.version.minor'", "minor") == store::kSchemaMinor);
  CHECK(db->scalar("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ('event_mention_place', 'event_place', "
                   "'claim_mention_part') AND sql LIKE '%WHERE % IS NOT NULL'", "partial") == 3);
  // Looked up by a value, the partial index serves.
  for (const char* q : {"EXPLAIN QUERY PLAN SELECT id FROM event WHERE place_entity_id = 1",
                        "EXPLAIN QUERY PLAN SELECT id FROM event_mention WHERE place_local_id = 1",
                        "EXPLAIN QUERY PLAN SELECT id FROM claim_mention WHERE part_of = 1"}) {
    store::Stmt plan = db->prepare(q, "plan");
    std::string steps;
    while (plan.step()) steps += plan.str(3) + "\n";
    CHECK_MESSAGE(steps.find("USING COVERING INDEX") != std::string::npos, q << " -> " << steps);
  }
  // The foreign keys that use them still act: a mention's place goes with its local entity.
  REQUIRE(db->scalar("SELECT count(*) FROM event_mention WHERE place_local_id IS NOT NULL", "placed") > 0);
  db->exec("DELETE FROM local_entity WHERE id IN (SELECT place_local_id FROM event_mention)", "delete_places");
  CHECK(db->scalar("SELECT count(*) FROM event_mention WHERE place_local_id IS NOT NULL", "placed_after") == 0);
}
