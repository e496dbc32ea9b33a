// The full-text indexes after ingest batches that index their rows in bulk
// (store/search_backlog.h), and after other programs write to the tables.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include "../graph/story.h"

using namespace chronicle;

namespace {

// Both indexes hold exactly the rows of their tables, with their current text
// (FTS5's integrity check with rank 1 compares them with the content tables).
void check_indexes_match(store::Db& db) {
  CHECK_NOTHROW(db.exec("INSERT INTO document_fts (document_fts, rank) VALUES ('integrity-check', 1)", "check_document_fts"));
  CHECK_NOTHROW(db.exec("INSERT INTO claim_fts (claim_fts, rank) VALUES ('integrity-check', 1)", "check_claim_fts"));
  CHECK(db.scalar("SELECT count(*) FROM document_fts_docsize", "indexed_documents") == db.scalar("SELECT count(*) FROM document", "documents"));
  CHECK(db.scalar("SELECT count(*) FROM claim_fts_docsize", "indexed_claims") == db.scalar("SELECT count(*) FROM claim", "claims"));
  CHECK(db.scalar("SELECT count(*) FROM meta WHERE key LIKE 'search.backlog.%'", "backlog_keys") == 0);
}

int64_t matches(store::Db& db, const char* table, const std::string& query) {
  store::Stmt& s = db.cached(fmt::format("match_{}", table).c_str(), fmt::format("SELECT count(*) FROM {0} WHERE {0} MATCH :q", table));
  s.bind(":q", query);
  s.step();
  const int64_t n = s.int64(0);
  s.reset();
  return n;
}

testing::DocBuilder plain(const std::string& uri, const std::string& text) {
  return testing::DocBuilder(uri, "", "Test Wire", "2025-03-05", text);
}

}  // namespace

TEST_CASE("search: a batch's documents and claims are indexed once it is resolved, with the text they end with") {
  testing::TempDb tmp("search-batch");
  auto story = testing::harbour_story();
  // The same address twice in one batch: the second version replaces the first
  // (its claims and its word "mediators" go) before anything is indexed.
  story.push_back(plain(story[1].doc.uri, "Quiet harbour today."));
  tmp.store(story);
  auto db = store::open_database(tmp.path(), store::OpenMode::read_write);
  check_indexes_match(*db);
  CHECK(matches(*db, "document_fts", "quiet") == 1);
  CHECK(matches(*db, "document_fts", "mediators") == 0);
  CHECK(matches(*db, "claim_fts", "strike") == 1);
  CHECK(matches(*db, "claim_fts", "mediators") == 0);
  // A later batch replaces it again: now the old version was indexed.
  tmp.store({story[1]});
  check_indexes_match(*db);
  CHECK(matches(*db, "document_fts", "quiet") == 0);
  CHECK(matches(*db, "document_fts", "mediators") == 1);
}

TEST_CASE("search: a batch of more documents than one indexing statement takes has every one indexed") {
  testing::TempDb tmp("search-many");
  std::vector<testing::DocBuilder> docs;
  for (int i = 0; i < 700; ++i) docs.push_back(plain(fmt::format("https://wire.example/{}", i), fmt::format("Dispatch number w{} from the quay.", i)));
  tmp.store(docs);
  auto db = store::open_database(tmp.path(), store::OpenMode::read_write);
  check_indexes_match(*db);
  for (const int i : {0, 255, 256, 257, 511, 512, 699}) CHECK(matches(*db, "document_fts", fmt::format("w{}", i)) == 1);
  CHECK(matches(*db, "document_fts", "quay") == 700);
}

TEST_CASE("search: rows that other programs add, change and remove are indexed as before") {
  testing::TempDb tmp("search-outside");
  tmp.store(testing::harbour_story());
  auto db = store::open_database(tmp.path(), store::OpenMode::read_write);
  db->exec("INSERT INTO document (uri, format, content_hash, text) VALUES ('https://hand.example/1', 'text', 'x', 'Typed in by hand: lighthouse')",
           "outside_insert");
  CHECK(matches(*db, "document_fts", "lighthouse") == 1);
  db->exec("UPDATE document SET text = 'Typed in by hand: breakwater' WHERE uri = 'https://hand.example/1'", "outside_update");
  CHECK(matches(*db, "document_fts", "lighthouse") == 0);
  CHECK(matches(*db, "document_fts", "breakwater") == 1);
  db->exec("UPDATE claim SET content = 'the lighthouse must close' WHERE content LIKE '%port strike must end%'", "outside_claim_update");
  CHECK(matches(*db, "claim_fts", "lighthouse") == 1);
  db->exec("DELETE FROM document WHERE uri = 'https://hand.example/1'", "outside_delete");
  CHECK(matches(*db, "document_fts", "breakwater") == 0);
  check_indexes_match(*db);
}

TEST_CASE("search: rows held back by a backlog that was committed by mistake are indexed by the next batch") {
  testing::TempDb tmp("search-leftover");
  tmp.store(testing::harbour_story());
  {
    auto db = store::open_database(tmp.path(), store::OpenMode::read_write);
    db->exec("INSERT INTO meta (key, value) SELECT 'search.backlog.document', max(id) + 1 FROM document;"
             "INSERT INTO document (uri, format, content_hash, text) VALUES ('https://hand.example/2', 'text', 'y', 'Held back: lighthouse')",
             "simulate_leftover");
    CHECK(matches(*db, "document_fts", "lighthouse") == 0);
  }
  tmp.store({plain("https://wire.example/next", "Next batch.")});
  auto db = store::open_database(tmp.path(), store::OpenMode::read_write);
  CHECK(matches(*db, "document_fts", "lighthouse") == 1);
  check_indexes_match(*db);
}
