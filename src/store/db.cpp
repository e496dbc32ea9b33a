// sqlite3 wrappers (see db.h).
#include "store/db.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <vector>

namespace chronicle::store {

namespace {

std::string describe(sqlite3* db, int rc, std::string_view name) {
  const char* msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  return fmt::format("store: {} '{}' in [{}]", sqlite3_errstr(rc), msg ? msg : "", name);
}

}  // namespace

bool StoreError::busy() const {
  const int primary = code_ & 0xFF;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

Stmt::Stmt(sqlite3* db, std::string name, std::string_view sql) : db_(db), name_(std::move(name)) {
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) fail(rc);
}

Stmt::~Stmt() { sqlite3_finalize(stmt_); }

Stmt::Stmt(Stmt&& o) noexcept
    : db_(o.db_), stmt_(o.stmt_), name_(std::move(o.name_)), source_(o.source_), indexes_(std::move(o.indexes_)) {
  o.stmt_ = nullptr;
}

void Stmt::fail(int rc) const { throw StoreError(describe(db_, rc, name_), rc); }

int Stmt::index(const char* param) const {
  // Names are string literals, bound over and over (SQLite finds a name by
  // comparing it with each parameter's): remember where each was found, by
  // address, checked by name in case an address is reused.
  for (const Parameter& p : indexes_)
    if (p.address == param && p.name == param) return p.index;
  const int i = sqlite3_bind_parameter_index(stmt_, param);
  if (i == 0) throw std::logic_error(fmt::format("store: no parameter {} in [{}]", param, name_));
  if (indexes_.size() < 32) indexes_.push_back({param, param, i});
  return i;
}

Stmt& Stmt::bind(const char* param, int64_t v) {
  if (const int rc = sqlite3_bind_int64(stmt_, index(param), v); rc != SQLITE_OK) fail(rc);
  return *this;
}
Stmt& Stmt::bind(const char* param, double v) {
  if (const int rc = sqlite3_bind_double(stmt_, index(param), v); rc != SQLITE_OK) fail(rc);
  return *this;
}
Stmt& Stmt::bind(const char* param, std::string_view v) {
  if (const int rc = sqlite3_bind_text64(stmt_, index(param), v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8); rc != SQLITE_OK) fail(rc);
  return *this;
}
Stmt& Stmt::bind_blob(const char* param, std::string_view v) {
  if (const int rc = sqlite3_bind_blob64(stmt_, index(param), v.data(), v.size(), SQLITE_TRANSIENT); rc != SQLITE_OK) fail(rc);
  return *this;
}
Stmt& Stmt::bind_null(const char* param) {
  if (const int rc = sqlite3_bind_null(stmt_, index(param)); rc != SQLITE_OK) fail(rc);
  return *this;
}
Stmt& Stmt::bind_or_null(const char* param, std::string_view v) { return v.empty() ? bind_null(param) : bind(param, v); }
Stmt& Stmt::bind_or_null(const char* param, std::optional<int64_t> v) { return v ? bind(param, *v) : bind_null(param); }

Stmt& Stmt::bind_at(int index, int64_t v) {
  if (const int rc = sqlite3_bind_int64(stmt_, index, v); rc != SQLITE_OK) fail(rc);
  return *this;
}
Stmt& Stmt::bind_at(int index, std::string_view v) {
  if (const int rc = sqlite3_bind_text64(stmt_, index, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8); rc != SQLITE_OK) fail(rc);
  return *this;
}
Stmt& Stmt::bind_or_null_at(int index, std::string_view v) {
  if (!v.empty()) return bind_at(index, v);
  if (const int rc = sqlite3_bind_null(stmt_, index); rc != SQLITE_OK) fail(rc);
  return *this;
}
Stmt& Stmt::bind_or_null_at(int index, std::optional<int64_t> v) {
  if (v) return bind_at(index, *v);
  if (const int rc = sqlite3_bind_null(stmt_, index); rc != SQLITE_OK) fail(rc);
  return *this;
}

namespace {
// CHRONICLE_PROFILE=1: time spent in each named statement and phase, printed
// to standard error at exit (a developer's aid; see docs/resolution.md).
struct Profile {
  bool on = std::getenv("CHRONICLE_PROFILE") != nullptr;
  std::map<std::string, std::pair<int64_t, int64_t>, std::less<>> spent;  // name -> (calls, ns)
  ~Profile() {
    if (!on) return;
    std::vector<std::pair<int64_t, std::string>> rows;
    for (const auto& [name, v] : spent)
      rows.emplace_back(v.second, fmt::format("{:>9.1f} ms {:>9} calls  {}", static_cast<double>(v.second) / 1e6, v.first, name));
    std::sort(rows.rbegin(), rows.rend());
    for (const auto& r : rows) fmt::print(stderr, "{}\n", r.second);
  }
  std::mutex mu;  // a resolver's judging runs on a second thread
  // Adds one call of `ns` to `name` (found without building a string: the
  // profile should cost little next to what it measures).
  void add(std::string_view name, int64_t ns) {
    const std::lock_guard lock(mu);
    auto it = spent.find(name);
    if (it == spent.end()) it = spent.emplace(std::string(name), std::pair<int64_t, int64_t>{0, 0}).first;
    ++it->second.first;
    it->second.second += ns;
  }
};
Profile& profile() {
  static Profile p;
  return p;
}
}  // namespace

ProfileScope::ProfileScope(const char* name) : name_(profile().on ? name : nullptr) {
  if (name_) start_ = std::chrono::steady_clock::now();
}

ProfileScope::~ProfileScope() {
  if (!name_) return;
  profile().add(name_, std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start_).count());
}

bool Stmt::step() {
  const auto t0 = profile().on ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{};
  const int rc = sqlite3_step(stmt_);
  if (profile().on) {
    profile().add(name_, std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count());
  }
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3_reset(stmt_);
  fail(rc);
}

void Stmt::run() {
  while (step()) {
  }
  sqlite3_reset(stmt_);
}

void Stmt::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int64_t Stmt::int64(int col) const { return sqlite3_column_int64(stmt_, col); }
double Stmt::real(int col) const { return sqlite3_column_double(stmt_, col); }
std::string_view Stmt::text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p ? std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))) : std::string_view{};
}
std::string_view Stmt::blob(int col) const {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, col));
  return p ? std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))) : std::string_view{};
}
bool Stmt::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
int Stmt::columns() const { return sqlite3_column_count(stmt_); }
std::string_view Stmt::column_name(int col) const { return sqlite3_column_name(stmt_, col); }

namespace {

// Process-wide SQLite settings, applied once before the first connection: no
// global memory statistics (they take a mutex on every allocation).
void configure_sqlite_once() {
  static const bool done = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)done;
}

}  // namespace

Db::Db(const std::string& path, OpenMode mode) : path_(path) {
  configure_sqlite_once();
  const int flags = mode == OpenMode::read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = describe(db_, rc, "open " + path);
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(msg, rc);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 10000);
  // Closing a connection would take an exclusive lock on the database file to
  // checkpoint and delete the WAL (when it might be the last connection), and
  // while it holds or even tries that lock, readers without a busy timeout (a
  // plain sqlite3 session) get "database is locked". So connections never
  // checkpoint on close; writers checkpoint without locks in ~Db instead.
  sqlite3_db_config(db_, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
}

Db::~Db() {
  cache_.clear();
  if (!db_) return;
  if (checkpoint_on_close_) {
    // Copy the WAL into the database file and empty it, without waiting for
    // readers (they keep their snapshots; what they pin stays in the WAL).
    sqlite3_busy_timeout(db_, 0);
    sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
  }
  sqlite3_close_v2(db_);
}

void Db::exec(std::string_view sql, const char* name) {
  char* err = nullptr;
  const std::string copy(sql);
  const int rc = sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = fmt::format("store: {} '{}' in [{}]", sqlite3_errstr(rc), err ? err : "", name);
    sqlite3_free(err);
    throw StoreError(msg, rc);
  }
}

namespace {
std::string_view trimmed(std::string_view sql) {
  while (!sql.empty() && (std::isspace(static_cast<unsigned char>(sql.back())) || sql.back() == ';')) sql.remove_suffix(1);
  while (!sql.empty() && std::isspace(static_cast<unsigned char>(sql.front()))) sql.remove_prefix(1);
  return sql;
}
}  // namespace

Stmt& Db::cached(const char* name, std::string_view sql) {
  auto it = cache_.find(std::string_view(name));
  if (it == cache_.end()) {
    it = cache_.emplace(name, std::make_unique<Stmt>(db_, name, sql)).first;
  } else if (sql.data() != it->second->source_) {
    // One name, one statement: a second text under a name already taken is a
    // bug that would run the first text (checked when the text is not the
    // very one seen last, so a literal is compared once).
    const char* prepared = sqlite3_sql(it->second->stmt_);
    if (trimmed(prepared ? prepared : "") != trimmed(sql))
      throw std::logic_error(fmt::format("store: statement name [{}] used for two SQL texts", name));
  }
  it->second->source_ = sql.data();
  it->second->reset();
  return *it->second;
}

void Db::reset_cached() {
  for (auto& [name, stmt] : cache_) stmt->reset();
}

int64_t Db::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
int Db::changes() const { return sqlite3_changes(db_); }

std::optional<int64_t> Db::scalar(std::string_view sql, const char* name) {
  Stmt s(db_, name, sql);
  if (!s.step() || s.is_null(0)) return std::nullopt;
  return s.int64(0);
}

BlobReader::BlobReader(Db& db, const char* table, const char* column, int64_t rowid) : db_(db.handle()) {
  const int rc = sqlite3_blob_open(db_, "main", table, column, rowid, 0, &blob_);
  if (rc != SQLITE_OK) {
    sqlite3_blob_close(blob_);
    blob_ = nullptr;
    throw StoreError(describe(db_, rc, fmt::format("blob {}.{}", table, column)), rc);
  }
  size_ = static_cast<size_t>(sqlite3_blob_bytes(blob_));
}

BlobReader::~BlobReader() { sqlite3_blob_close(blob_); }

void BlobReader::read(void* dest, size_t n, size_t offset) const {
  if (n == 0) return;
  if (offset > size_ || n > size_ - offset || size_ > 0x7fffffff)
    throw StoreError(fmt::format("store: blob read of {} bytes at {} outside its {} bytes", n, offset, size_));
  const int rc = sqlite3_blob_read(blob_, dest, static_cast<int>(n), static_cast<int>(offset));
  if (rc != SQLITE_OK) throw StoreError(describe(db_, rc, "blob read"), rc);
}

Transaction::Transaction(Db& db) : db_(db) {
  db_.reset_cached();
  db_.exec("BEGIN IMMEDIATE", "begin");
}

Transaction::~Transaction() {
  if (open_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  db_.reset_cached();
  db_.exec("COMMIT", "commit");
  open_ = false;
}

ReadSnapshot::ReadSnapshot(Db& db) : db_(db) {
  db_.exec("BEGIN", "begin_read");
  // A deferred transaction takes its snapshot at the first read; read now.
  db_.scalar("SELECT count(*) FROM sqlite_master", "snapshot");
}

ReadSnapshot::~ReadSnapshot() { sqlite3_exec(db_.handle(), "COMMIT", nullptr, nullptr, nullptr); }

}  // namespace chronicle::store
