-- search: full-text indexes (SQLite FTS5) over documents (title and text) and
-- claims (content), used by `chronicle search` and `chronicle claims --search`.
-- External content: the text is stored once, in `document` and `claim`; the
-- triggers below keep each index in step with every insert, update and delete
-- (a replaced document is a delete plus an insert); since 1.3 an ingest indexes
-- the rows it adds itself, in bulk (110_search_backlog.sql). Example:
--   SELECT d.title FROM document_fts f JOIN document d ON d.id = f.rowid
--    WHERE document_fts MATCH 'ceasefire' ORDER BY rank;
CREATE VIRTUAL TABLE document_fts USING fts5(
  title, text, content = 'document', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER document_fts_insert AFTER INSERT ON document BEGIN
  INSERT INTO document_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER document_fts_delete AFTER DELETE ON document BEGIN
  INSERT INTO document_fts (document_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER document_fts_update AFTER UPDATE OF title, text ON document BEGIN
  INSERT INTO document_fts (document_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
  INSERT INTO document_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE VIRTUAL TABLE claim_fts USING fts5(
  content, content = 'claim', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER claim_fts_insert AFTER INSERT ON claim BEGIN
  INSERT INTO claim_fts (rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER claim_fts_delete AFTER DELETE ON claim BEGIN
  INSERT INTO claim_fts (claim_fts, rowid, content) VALUES ('delete', old.id, old.content);
END;
CREATE TRIGGER claim_fts_update AFTER UPDATE OF content ON claim BEGIN
  INSERT INTO claim_fts (claim_fts, rowid, content) VALUES ('delete', old.id, old.content);
  INSERT INTO claim_fts (rowid, content) VALUES (new.id, new.content);
END;

-- Indexes the rows already present when a 1.0 database is migrated (no-op on a new one).
INSERT INTO document_fts (document_fts) VALUES ('rebuild');
INSERT INTO claim_fts (claim_fts) VALUES ('rebuild');
