// RAII wrappers over sqlite3 and sqlite3_stmt. Every statement carries a name;
// errors name the statement and quote SQLite's message:
//   store: SQLITE_CONSTRAINT 'UNIQUE constraint failed: entity.key' in [insert_entity]
// Parameters are bound by name only; an unknown name is a programming error.
#pragma once
#include <chrono>
#include <iterator>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;
struct sqlite3_blob;

namespace chronicle::store {

class StoreError : public std::runtime_error {
 public:
  explicit StoreError(const std::string& message, int code = 0) : std::runtime_error(message), code_(code) {}
  int code() const { return code_; }  // SQLite result code, 0 if none
  bool busy() const;                   // SQLITE_BUSY or SQLITE_LOCKED

 private:
  int code_;
};

// Times a phase under `name` (a string literal) when CHRONICLE_PROFILE is set;
// the totals of phases and statements are printed to standard error at exit.
class ProfileScope {
 public:
  explicit ProfileScope(const char* name);
  ~ProfileScope();
  ProfileScope(const ProfileScope&) = delete;
  ProfileScope& operator=(const ProfileScope&) = delete;

 private:
  const char* name_;
  std::chrono::steady_clock::time_point start_;
};

// How resolution reads the rows it needs: one query for each thing it looks up
// (`each`), whole tables at once (`all`), or whole tables when the batch's
// documents are at least half of those stored (`by_size`, the default: then a
// pass over a table costs less than a query per row). Decided once a batch
// (Writer::reads); what it reads, and so the graph, is the same either way.
enum class Reads { by_size, each, all };

class Stmt {
 public:
  Stmt(sqlite3* db, std::string name, std::string_view sql);
  ~Stmt();
  Stmt(Stmt&&) noexcept;
  Stmt& operator=(Stmt&&) = delete;
  Stmt(const Stmt&) = delete;

  Stmt& bind(const char* param, int64_t v);
  Stmt& bind(const char* param, int v) { return bind(param, static_cast<int64_t>(v)); }
  Stmt& bind(const char* param, uint32_t v) { return bind(param, static_cast<int64_t>(v)); }
  Stmt& bind(const char* param, double v);
  Stmt& bind(const char* param, std::string_view v);  // copied by SQLite
  Stmt& bind(const char* param, const std::string& v) { return bind(param, std::string_view(v)); }
  Stmt& bind(const char* param, const char* v) { return bind(param, std::string_view(v)); }
  Stmt& bind_blob(const char* param, std::string_view bytes);  // copied by SQLite
  Stmt& bind_null(const char* param);
  // Binds NULL when the optional is empty or the string is empty.
  Stmt& bind_or_null(const char* param, std::string_view v);
  Stmt& bind_or_null(const char* param, std::optional<int64_t> v);
  // By position (1-based), for statements that repeat their parameters
  // (insert_rows); NULL for an empty string or a missing value.
  Stmt& bind_at(int index, int64_t v);
  Stmt& bind_at(int index, std::string_view v);
  Stmt& bind_or_null_at(int index, std::string_view v);
  Stmt& bind_or_null_at(int index, std::optional<int64_t> v);

  // Runs one step: true when a row is available.
  bool step();
  // Runs to completion (for statements that return no rows).
  void run();
  void reset();  // reset and clear bindings

  int64_t int64(int col) const;
  double real(int col) const;
  std::string_view text(int col) const;
  std::string str(int col) const { return std::string(text(col)); }
  std::string_view blob(int col) const;  // valid until the next step or reset
  bool is_null(int col) const;
  int columns() const;
  std::string_view column_name(int col) const;
  const std::string& name() const { return name_; }

 private:
  int index(const char* param) const;
  [[noreturn]] void fail(int rc) const;

  friend class Db;
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::string name_;
  const char* source_ = nullptr;  // the text Db::cached() last got it with
  struct Parameter {
    const char* address;  // of the name as bound
    std::string name;     // a copy, in case the address is reused for another name
    int index;
  };
  mutable std::vector<Parameter> indexes_;  // as found
};

enum class OpenMode { read_only, read_write };

class Db {
 public:
  // Opens (read_write: creates) the file. throws: StoreError.
  Db(const std::string& path, OpenMode mode);
  // No connection takes the exclusive lock that SQLite's own checkpoint-on-close
  // would, so readers are never locked out (see checkpoint_on_close).
  ~Db();
  // Asks ~Db to copy the WAL into the database file and empty it, never waiting
  // for readers. open_database sets it on writable chronicle databases only, so
  // a refused file is never touched.
  void checkpoint_on_close() { checkpoint_on_close_ = true; }
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }
  void exec(std::string_view sql, const char* name);
  Stmt prepare(std::string_view sql, std::string name) { return Stmt(db_, std::move(name), sql); }
  // A prepared statement kept for the life of the connection, reset before use.
  Stmt& cached(const char* name, std::string_view sql);
  // Resets every cached statement, so none keeps a read snapshot open (a stale
  // snapshot makes the next write transaction fail with SQLITE_BUSY at once).
  void reset_cached();
  int64_t last_insert_id() const;
  int changes() const;
  // Single-row, single-column helper; nullopt when there is no row or it is NULL.
  std::optional<int64_t> scalar(std::string_view sql, const char* name);

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
  bool checkpoint_on_close_ = false;
  // Looked up by name without building a string (it is asked a million times an ingest).
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view name) const { return std::hash<std::string_view>()(name); }
  };
  std::unordered_map<std::string, std::unique_ptr<Stmt>, NameHash, std::equal_to<>> cache_;
};

// Reads one BLOB value piece by piece (SQLite incremental blob I/O), so a large
// value is copied once, straight to where it is needed.
class BlobReader {
 public:
  // Opens table.column of row `rowid` for reading. throws: StoreError.
  BlobReader(Db& db, const char* table, const char* column, int64_t rowid);
  ~BlobReader();
  BlobReader(const BlobReader&) = delete;
  BlobReader& operator=(const BlobReader&) = delete;

  size_t size() const { return size_; }
  // Copies `n` bytes from `offset` into `dest`. throws: StoreError when the
  // range is outside the value.
  void read(void* dest, size_t n, size_t offset) const;

 private:
  sqlite3* db_;
  sqlite3_blob* blob_ = nullptr;
  size_t size_ = 0;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back when destroyed uncommitted.
class Transaction {
 public:
  explicit Transaction(Db& db);
  ~Transaction();
  void commit();

 private:
  Db& db_;
  bool open_ = true;
};

// BEGIN (deferred) ... COMMIT for readers: every query between construction and
// destruction sees one snapshot of the database, even while an ingest commits
// (WAL). Use it around any command that runs more than one query.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Db& db);
  ~ReadSnapshot();
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  Db& db_;
};

// Inserts `rows` with `insert` ("INSERT INTO t (a, b, c)"), `columns` values
// a row, kRowsPerInsert rows a statement: one statement per row costs about a
// third more (SQLite opens the table's and each index's cursor, and checks
// its constraints' setup, per statement). bind(stmt, first, row) binds a
// row's values by position from `first`. Rows go in in their order.
inline constexpr size_t kRowsPerInsert = 64;
template <typename Rows, typename Bind>
void insert_rows(Db& db, std::string_view insert, int columns, const Rows& rows, Bind&& bind) {
  // The statement for `count` rows, kept for the life of the connection.
  const auto statement = [&](size_t count) -> Stmt& {
    std::string sql(insert);
    sql += " VALUES ";
    for (size_t r = 0; r < count; ++r) {
      sql += r ? ",(" : "(";
      for (int c = 0; c < columns; ++c) sql += c ? ",?" : "?";
      sql += ')';
    }
    const std::string name = std::to_string(count) + " rows: " + std::string(insert);
    return db.cached(name.c_str(), sql);
  };
  const size_t n = std::size(rows);
  const auto write = [&](Stmt& s, size_t from, size_t count) {
    for (size_t r = 0; r < count; ++r) bind(s, static_cast<int>(r) * columns + 1, rows[from + r]);
    s.run();
    s.reset();
  };
  size_t done = 0;
  if (n >= kRowsPerInsert) {
    Stmt& many = statement(kRowsPerInsert);
    for (; done + kRowsPerInsert <= n; done += kRowsPerInsert) write(many, done, kRowsPerInsert);
  }
  if (done < n) write(statement(n - done), done, n - done);
}

}  // namespace chronicle::store
