// Bulk full-text indexing of an ingest batch (see search_backlog.h).
#include "store/search_backlog.h"

#include <fmt/format.h>

#include <string>

namespace chronicle::store {

namespace {

// The FTS5 table of each backlogged table and the columns it indexes.
struct Indexed {
  const char* table;
  const char* fts;
  const char* columns;
};
constexpr Indexed kIndexed[] = {{"document", "document_fts", "title, text"}, {"claim", "claim_fts", "content"}};

const Indexed& indexed(const char* table) {
  for (const Indexed& i : kIndexed)
    if (std::string_view(i.table) == table) return i;
  throw StoreError(fmt::format("store: no full-text index for table {}", table));
}

}  // namespace

// Every row from the key's id on is not indexed; index them, then move the key
// past the last row (ids only grow while a key is set: a new row takes the
// largest id plus one, and rows below the key are indexed by the triggers).
void SearchBacklog::index(const char* table) {
  const Indexed& t = indexed(table);
  const std::string key = fmt::format("search.backlog.{}", table);
  const std::string fill = fmt::format("index_backlog_{}", table), move = fmt::format("move_backlog_{}", table);
  db_.cached(fill.c_str(), fmt::format("INSERT INTO {0} (rowid, {1}) SELECT id, {1} FROM {2} "
                                       "WHERE id >= (SELECT CAST(value AS INTEGER) FROM meta WHERE key = :key)",
                                       t.fts, t.columns, t.table))
      .bind(":key", key).run();
  db_.cached(move.c_str(), fmt::format("UPDATE meta SET value = (SELECT coalesce(max(id), 0) + 1 FROM {}) WHERE key = :key", t.table))
      .bind(":key", key).run();
}

void SearchBacklog::open() {
  if (open_) return;
  for (const Indexed& t : kIndexed) {
    const std::string key = fmt::format("search.backlog.{}", t.table);
    // A key left by a writer that committed without closing (it never should):
    // index what it held back before starting anew.
    Stmt& left = db_.cached("find_backlog", "SELECT 1 FROM meta WHERE key = :key");
    left.bind(":key", key);
    const bool leftover = left.step();
    left.reset();
    if (leftover) {
      index(t.table);
      continue;
    }
    const std::string start = fmt::format("open_backlog_{}", t.table);
    db_.cached(start.c_str(), fmt::format("INSERT INTO meta (key, value) SELECT :key, coalesce(max(id), 0) + 1 FROM {}", t.table))
        .bind(":key", key).run();
  }
  open_ = true;
}

void SearchBacklog::index_documents() {
  if (open_) index("document");
}

void SearchBacklog::close() {
  if (!open_) return;
  for (const Indexed& t : kIndexed) {
    index(t.table);
    db_.cached("close_backlog", "DELETE FROM meta WHERE key = :key").bind(":key", fmt::format("search.backlog.{}", t.table)).run();
  }
  open_ = false;
}

}  // namespace chronicle::store
