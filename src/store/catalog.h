// The named-query catalog: the SQL of queries/*.sql, compiled into the binary
// (cmake/embed.cmake). A query is known by its file's base name without ".sql"
// ("timeline" is queries/timeline.sql); its statement carries that name into
// every error. User input only ever reaches these queries as bound :parameters.
#pragma once
#include <string_view>

#include "store/db.h"

namespace chronicle::store {

// The SQL text of query `name`. throws: std::logic_error when there is no such
// file (a programming error, not bad input).
std::string_view named_query(std::string_view name);

// A new statement for query `name`.
Stmt prepare_named(Db& db, std::string_view name);

// The connection's cached statement for query `name`, reset and unbound.
Stmt& cached_named(Db& db, const char* name);

// True when the database has a table, view or virtual table called `name`
// (older databases may lack the optional ones).
bool has_table(Db& db, std::string_view name);

}  // namespace chronicle::store
