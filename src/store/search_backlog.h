// The full-text entries of the documents and claims an ingest batch adds,
// written in bulk by the writer rather than row by row by the triggers (see
// schema/110_search_backlog.sql for why and for the keys in `meta`).
#pragma once
#include <cstdint>

#include "store/db.h"

namespace chronicle::store {

class SearchBacklog {
 public:
  explicit SearchBacklog(Db& db) : db_(db) {}
  // Rows of `document` and `claim` inserted from now on wait for index(), and
  // updates and deletes of them leave the indexes alone. Does nothing when
  // already open. requires: an open transaction.
  void open();
  // Indexes the documents that are waiting; the backlog stays open.
  void index_documents();
  // Indexes every waiting row and closes the backlog. Called before the
  // transaction commits: committed, the keys would make the triggers skip
  // rows that other programs add.
  void close();
  bool is_open() const { return open_; }

 private:
  void index(const char* table);
  Db& db_;
  bool open_ = false;
};

}  // namespace chronicle::store
