// Opening a chronicle database: creating it from the embedded schema/*.sql,
// checking that an existing file is a chronicle database of a version we can
// read, migrating older minor versions, and the per-connection settings (foreign
// keys, WAL, busy timeout).
#pragma once
#include <memory>
#include <string>

#include "store/db.h"

namespace chronicle::store {

inline constexpr int kSchemaMajor = 1;
inline constexpr int kSchemaMinor = 5;

// throws: StoreError with a message for people when the file is missing (read
// only), is not an SQLite file, is not a chronicle database, or has another
// major version. A file that is refused is not modified.
std::unique_ptr<Db> open_database(const std::string& path, OpenMode mode);

// Hex digest of the embedded schema/*.sql (names and bytes), for the
// schema-change gate test.
std::string schema_fingerprint();

}  // namespace chronicle::store
