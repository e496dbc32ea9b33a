-- document: one ingested article. `text` is what every span points into
-- (code points, 0-based, half-open). `content_hash` makes ingest idempotent: the
-- same uri with the same hash is skipped; a new hash replaces the document and,
-- through ON DELETE CASCADE, every fact extracted from it.
CREATE TABLE document (
  id           INTEGER PRIMARY KEY,
  uri          TEXT NOT NULL,
  title        TEXT,
  source       TEXT,
  published    TEXT,
  anchor       TEXT,              -- day relative dates were resolved against
  inferred_anchor TEXT,           -- for an undated document: a day its weekdays were
                                  -- resolved against, learnt from an event it shares
                                  -- with dated documents (store/writer.cpp)
  dateline     TEXT,
  format       TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  text         TEXT NOT NULL,
  ingested_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  CONSTRAINT document_uri_unique UNIQUE (uri),
  CONSTRAINT document_format_check CHECK (format = 'text' OR format = 'html' OR format = 'jsonl'
    OR format = 'facts')
);
