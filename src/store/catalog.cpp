// Named-query catalog (see catalog.h).
#include "store/catalog.h"

#include <fmt/format.h>

#include <stdexcept>
#include <string>

#include "common/embedded.h"

namespace chronicle::store {

std::string_view named_query(std::string_view name) {
  const std::string file = fmt::format("{}.sql", name);
  const std::string_view sql = embedded::find(embedded::query_files(), file);
  if (sql.empty()) throw std::logic_error(fmt::format("store: no named query queries/{}", file));
  return sql;
}

Stmt prepare_named(Db& db, std::string_view name) { return db.prepare(named_query(name), std::string(name)); }

Stmt& cached_named(Db& db, const char* name) { return db.cached(name, named_query(name)); }

bool has_table(Db& db, std::string_view name) {
  Stmt& s = cached_named(db, "has_table");
  s.bind(":name", name);
  const bool found = s.step();
  s.reset();
  return found;
}

}  // namespace chronicle::store
