-- 1.3: the ingest writer indexes the documents and claims it adds in bulk.
-- A full-text entry added by a trigger costs about three times what the same
-- entries cost added by one statement per few hundred rows (SQLite 3.40 writes
-- FTS5's pending entries out at every later statement that opens a savepoint,
-- which every row with a trigger or a foreign key does). So while the writer
-- holds its transaction, meta has 'search.backlog.document' and
-- 'search.backlog.claim': the first id it has not indexed yet. The triggers
-- below leave rows from that id on to the writer (store/search_backlog.h),
-- which indexes them and removes both keys before it commits; other readers
-- never see the keys. Without them (any other program writing), the triggers
-- keep the indexes in step exactly as in 1.1.
DROP TRIGGER IF EXISTS document_fts_insert;
DROP TRIGGER IF EXISTS document_fts_delete;
DROP TRIGGER IF EXISTS document_fts_update;
DROP TRIGGER IF EXISTS claim_fts_insert;
DROP TRIGGER IF EXISTS claim_fts_delete;
DROP TRIGGER IF EXISTS claim_fts_update;

CREATE TRIGGER document_fts_insert AFTER INSERT ON document
  WHEN new.id < coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'search.backlog.document'), 9223372036854775807)
BEGIN
  INSERT INTO document_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER document_fts_delete AFTER DELETE ON document
  WHEN old.id < coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'search.backlog.document'), 9223372036854775807)
BEGIN
  INSERT INTO document_fts (document_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER document_fts_update AFTER UPDATE OF title, text ON document
  WHEN old.id < coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'search.backlog.document'), 9223372036854775807)
BEGIN
  INSERT INTO document_fts (document_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
  INSERT INTO document_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE TRIGGER claim_fts_insert AFTER INSERT ON claim
  WHEN new.id < coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'search.backlog.claim'), 9223372036854775807)
BEGIN
  INSERT INTO claim_fts (rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER claim_fts_delete AFTER DELETE ON claim
  WHEN old.id < coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'search.backlog.claim'), 9223372036854775807)
BEGIN
  INSERT INTO claim_fts (claim_fts, rowid, content) VALUES ('delete', old.id, old.content);
END;
CREATE TRIGGER claim_fts_update AFTER UPDATE OF content ON claim
  WHEN old.id < coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'search.backlog.claim'), 9223372036854775807)
BEGIN
  INSERT INTO claim_fts (claim_fts, rowid, content) VALUES ('delete', old.id, old.content);
  INSERT INTO claim_fts (rowid, content) VALUES (new.id, new.content);
END;
