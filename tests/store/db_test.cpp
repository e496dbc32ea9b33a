// The statement cache of store::Db: one name, one statement.
#include <doctest/doctest.h>

#include <string>

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
