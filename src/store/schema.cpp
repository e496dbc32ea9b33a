// Schema creation, version checks and migrations (see schema.h).
#include "store/schema.h"

#include <fmt/format.h>
#include <sqlite3.h>
#include <xxhash.h>

#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

#include "common/embedded.h"
#include "common/fault.h"

namespace chronicle::store {

namespace {

// True when the file exists, is not empty and does not start with SQLite's magic.
bool foreign_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  char head[16] = {};
  in.read(head, sizeof head);
  if (in.gcount() == 0) return false;
  return in.gcount() < 16 || std::memcmp(head, "SQLite format 3", 16) != 0;
}

void configure(Db& db, OpenMode mode) {
  db.exec("PRAGMA foreign_keys = ON", "pragma_foreign_keys");
  if (mode == OpenMode::read_write) {
    // Switching the journal mode takes an exclusive lock: only do it once, on a
    // database that is not in WAL mode yet, never under other readers' feet.
    Stmt mode_now = db.prepare("PRAGMA journal_mode", "pragma_journal_mode");
    const bool wal = mode_now.step() && mode_now.text(0) == "wal";
    mode_now.reset();
    if (!wal) db.exec("PRAGMA journal_mode = WAL", "pragma_wal");
    db.exec("PRAGMA synchronous = NORMAL", "pragma_synchronous");
  }
  db.exec("PRAGMA cache_size = -65536", "pragma_cache");
  // Readers (the query commands) jump around large files: map them into memory.
  if (mode == OpenMode::read_only) db.exec("PRAGMA mmap_size = 4294967296", "pragma_mmap");
  db.exec("PRAGMA temp_store = MEMORY", "pragma_temp_store");
}

void create(Db& db) {
  Transaction tx(db);
  for (const EmbeddedFile& f : embedded::schema_files()) db.exec(f.data, std::string(f.name).c_str());
  tx.commit();
}

std::string meta(Db& db, const char* key) {
  Stmt s = db.prepare("SELECT value FROM meta WHERE key = :key", "read_meta");
  s.bind(":key", key);
  return s.step() ? s.str(0) : std::string();
}

// What a table's rows look like on disk: its columns, indexes and foreign keys.
std::string table_shape(Db& db, const std::string& table) {
  std::string out;
  for (const char* sql : {"SELECT cid, name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(:t)",
                          "SELECT l.name, l.\"unique\", l.origin, l.partial, i.seqno, i.name FROM pragma_index_list(:t) l "
                          "JOIN pragma_index_info(l.name) i ORDER BY l.name, i.seqno",
                          "SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(:t)"}) {
    Stmt s = db.prepare(sql, "table_shape");
    s.bind(":t", table);
    while (s.step()) {
      for (int c = 0; c < s.columns(); ++c) out.append(s.is_null(c) ? "NULL" : s.str(c)).push_back('|');
      out.push_back('\n');
    }
  }
  return out;
}

// 1.4: constraints that list allowed values are written as comparisons
// (schema/README.md). Only the CREATE TABLE text changes, not how rows are
// stored, so each such table's text is replaced in sqlite_master: SQLite's
// documented procedure for constraint changes that leave the file format alone
// (writable_schema, then a new schema_version). A table whose columns, indexes
// or foreign keys differ from the new text's is left as it was.
void rewrite_table_checks(Db& db) {
  Db fresh(":memory:", OpenMode::read_write);
  for (const EmbeddedFile& f : embedded::schema_files()) fresh.exec(f.data, std::string(f.name).c_str());
  std::vector<std::pair<std::string, std::string>> rewrites;  // table, new text
  Stmt tables = fresh.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%CHECK%'", "new_tables");
  while (tables.step()) {
    const std::string name = tables.str(0), sql = tables.str(1);
    Stmt old = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :t", "old_table");
    old.bind(":t", name);
    if (!old.step() || old.text(0) == sql) continue;
    if (table_shape(db, name) == table_shape(fresh, name)) rewrites.emplace_back(name, sql);
  }
  if (rewrites.empty()) return;
  const int64_t version = db.scalar("PRAGMA schema_version", "schema_version").value_or(0);
  sqlite3_db_config(db.handle(), SQLITE_DBCONFIG_DEFENSIVE, 0, nullptr);
  db.exec("PRAGMA writable_schema = ON", "writable_schema_on");
  for (const auto& [name, sql] : rewrites) {
    Stmt s = db.prepare("UPDATE sqlite_master SET sql = :sql WHERE type = 'table' AND name = :t", "rewrite_table");
    s.bind(":sql", sql).bind(":t", name).run();
  }
  db.exec(fmt::format("PRAGMA schema_version = {}", version + 1), "schema_version_bump");
  db.exec("PRAGMA writable_schema = OFF", "writable_schema_off");
}

// What each minor version added: schema files, or a step of its own; a
// database at an older minor version gets the missing ones in order, in one
// transaction.
struct Migration {
  int minor;
  const char* file;                // or
  void (*step)(Db&) = nullptr;
};
constexpr Migration kMigrations[] = {
    {1, "070_search.sql"},
    {1, "080_graph.sql"},
    {2, "100_lean_indexes.sql"},
    {3, "110_search_backlog.sql"},
    {4, "(checks as comparisons)", rewrite_table_checks},
    {5, "120_partial_indexes.sql"},
};

void migrate(Db& db, int from_minor) {
  Transaction tx(db);
  for (const Migration& m : kMigrations) {
    if (m.minor <= from_minor) continue;
    if (m.step) {
      m.step(db);
    } else {
      const std::string_view sql = embedded::find(embedded::schema_files(), m.file);
      if (sql.empty()) throw StoreError(fmt::format("store: migration file {} is not embedded", m.file));
      db.exec(sql, m.file);
    }
    fault::point("schema.migrating");
  }
  Stmt s = db.prepare("UPDATE meta SET value = :minor WHERE key = 'schema.version.minor'", "migrate_minor");
  s.bind(":minor", std::to_string(kSchemaMinor)).run();
  tx.commit();
}

// The -wal and -shm files beside a database, as they were before it was opened.
class Sidecars {
 public:
  explicit Sidecars(const std::string& path) : path_(path) {
    for (int i = 0; i < 2; ++i) existed_[i] = std::filesystem::exists(path + kSuffixes[i]);
  }
  // Removes the ones that did not exist before (opening a WAL database creates them).
  void remove_new() const {
    std::error_code ec;
    for (int i = 0; i < 2; ++i)
      if (!existed_[i]) std::filesystem::remove(path_ + kSuffixes[i], ec);
  }

 private:
  static constexpr const char* kSuffixes[2] = {"-wal", "-shm"};
  std::string path_;
  bool existed_[2] = {};
};

// SQLite's own words from a StoreError message: "store: X 'words' in [name]".
std::string sqlite_message(std::string_view what) {
  const size_t a = what.find('\''), b = what.rfind('\'');
  return a != std::string_view::npos && b > a ? std::string(what.substr(a + 1, b - a - 1)) : std::string(what);
}

}  // namespace

std::unique_ptr<Db> open_database(const std::string& path, OpenMode mode) {
  namespace fs = std::filesystem;
  if (mode == OpenMode::read_only && !fs::exists(path))
    throw StoreError(fmt::format("{}: no such database; build one with `chronicle ingest --db {} PATH...`", path, path));
  if (foreign_file(path)) throw StoreError(fmt::format("{}: not a chronicle database (not an SQLite file); left untouched", path));
  const Sidecars before(path);
  auto db = std::make_unique<Db>(path, mode);
  try {
    db->exec("PRAGMA foreign_keys = ON", "pragma_foreign_keys");
    const auto tables = db->scalar("SELECT count(*) FROM sqlite_master", "count_tables").value_or(0);
    const bool has_meta = db->scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'", "find_meta").value_or(0) > 0;
    if (tables == 0) {
      if (mode == OpenMode::read_only) throw StoreError(fmt::format("{}: empty database; nothing has been ingested yet", path));
      configure(*db, mode);
      create(*db);
      db->checkpoint_on_close();
      return db;
    }
    if (!has_meta || meta(*db, "application") != "chronicle")
      throw StoreError(fmt::format("{}: an SQLite database, but not a chronicle database; left untouched", path));
    const std::string major = meta(*db, "schema.version.major"), minor = meta(*db, "schema.version.minor");
    if (major != std::to_string(kSchemaMajor))
      throw StoreError(fmt::format("{}: chronicle schema version {}.{}; this chronicle reads version {}.x. "
                                   "Re-ingest into a new database.", path, major, minor, kSchemaMajor));
    int minor_number = 0;
    if (!minor.empty() && (std::from_chars(minor.data(), minor.data() + minor.size(), minor_number).ptr != minor.data() + minor.size() || minor_number < 0))
      throw StoreError(fmt::format("{}: unreadable chronicle schema version '{}.{}'; left untouched", path, major, minor));
    if (mode == OpenMode::read_write && minor_number > kSchemaMinor)
      throw StoreError(fmt::format("{}: written by a newer chronicle (schema {}.{}); refusing to write to it", path, major, minor));
    if (mode == OpenMode::read_write && minor_number < kSchemaMinor) migrate(*db, minor_number);
  } catch (const StoreError& e) {
    // Refused: close it and take away the -wal/-shm files opening it made.
    db.reset();
    before.remove_new();
    const int primary = e.code() & 0xFF;
    if (primary == 26 /* SQLITE_NOTADB */)
      throw StoreError(fmt::format("{}: not a chronicle database (not an SQLite file); left untouched", path));
    if (primary == 11 /* SQLITE_CORRUPT */)
      throw StoreError(fmt::format("{}: damaged database (SQLite: {}); left untouched. Re-ingest into a new database", path,
                                   sqlite_message(e.what())));
    if (e.what() && std::string_view(e.what()).starts_with(path)) throw;
    throw StoreError(fmt::format("{}: cannot use this database: {}", path, e.what()), e.code());
  }
  configure(*db, mode);
  if (mode == OpenMode::read_write) db->checkpoint_on_close();
  return db;
}

std::string schema_fingerprint() {
  XXH3_state_t* state = XXH3_createState();
  XXH3_128bits_reset(state);
  for (const EmbeddedFile& f : embedded::schema_files()) {
    XXH3_128bits_update(state, f.name.data(), f.name.size());
    XXH3_128bits_update(state, f.data.data(), f.data.size());
  }
  const XXH128_hash_t h = XXH3_128bits_digest(state);
  XXH3_freeState(state);
  return fmt::format("{:016x}{:016x}", h.high64, h.low64);
}

}  // namespace chronicle::store
