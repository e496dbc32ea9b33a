// The statement cache of store::Db (one name, one statement) and insert_rows.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

using namespace chronicle;

TEST_CASE("store: a cached statement name used for a second SQL text is refused, the same text under it is not") {
  store::Db db(":memory:", store::OpenMode::read_write);
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)", "create");
  db.cached("insert_t", "INSERT INTO t (name) VALUES (:name)").bind(":name", "a").run();
  // The same text again, from another buffer and with other surrounding space.
  const std::string again = "  INSERT INTO t (name) VALUES (:name);\n";
  CHECK_NOTHROW(db.cached("insert_t", again).bind(":name", "b").run());
  CHECK(db.scalar("SELECT count(*) FROM t", "count") == 2);
  CHECK_THROWS_WITH_AS(db.cached("insert_t", "SELECT name FROM t WHERE id = :id"), doctest::Contains("[insert_t] used for two SQL texts"),
                       std::logic_error);
}

TEST_CASE("store: insert_rows writes every row once, in order, whatever the count") {
  store::Db db(":memory:", store::OpenMode::read_write);
  db.exec("CREATE TABLE t (n INTEGER NOT NULL, word TEXT, other INTEGER)", "create");
  struct Row {
    int64_t n;
    std::string word;
    std::optional<int64_t> other;
  };
  int64_t written = 0;
  // Fewer than, exactly, and more than one statement's rows; none at all.
  for (const size_t count : {size_t{0}, size_t{1}, store::kRowsPerInsert - 1, store::kRowsPerInsert, store::kRowsPerInsert + 1,
                             3 * store::kRowsPerInsert + 5}) {
    CAPTURE(count);
    std::vector<Row> rows;
    for (size_t i = 0; i < count; ++i, ++written)
      rows.push_back({written, written % 3 ? "w" + std::to_string(written) : "", written % 2 ? std::optional<int64_t>(-written) : std::nullopt});
    store::insert_rows(db, "INSERT INTO t (n, word, other)", 3, rows, [](store::Stmt& s, int i, const Row& r) {
      s.bind_at(i, r.n).bind_or_null_at(i + 1, r.word).bind_or_null_at(i + 2, r.other);
    });
    CHECK(db.scalar("SELECT count(*) FROM t", "count") == written);
  }
  // In order (rowid follows n), each value in its column, empty words and
  // missing numbers as NULL.
  CHECK(db.scalar("SELECT count(*) FROM t WHERE n <> rowid - 1", "order") == 0);
  CHECK(db.scalar("SELECT count(*) FROM t WHERE (n % 3 = 0) <> (word IS NULL) OR (word IS NOT NULL AND word <> 'w' || n)", "words") == 0);
  CHECK(db.scalar("SELECT count(*) FROM t WHERE (n % 2 = 0) <> (other IS NULL) OR (other IS NOT NULL AND other <> -n)", "others") == 0);
}
