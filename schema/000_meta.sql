-- meta: settings of this database file. The schema version is mirrored in
-- store/schema.h (kSchemaMajor, kSchemaMinor); a database whose major version
-- differs is refused, an older minor version is migrated on open.
CREATE TABLE meta (
  key   TEXT NOT NULL PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO meta (key, value) VALUES
  ('application', 'chronicle'),
  ('schema.version.major', '1'),
  ('schema.version.minor', '5');
