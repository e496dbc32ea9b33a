-- timex: a time expression with its TimeML type and normalised value.
CREATE TABLE timex (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,
  span_start  INTEGER NOT NULL,
  span_end    INTEGER NOT NULL,
  text        TEXT NOT NULL,
  type        TEXT NOT NULL,
  value       TEXT NOT NULL,
  CONSTRAINT timex_span_check CHECK (0 <= span_start AND span_start < span_end),
  CONSTRAINT timex_type_check CHECK (type = 'DATE' OR type = 'TIME' OR type = 'DURATION' OR type = 'SET')
);
CREATE INDEX timex_document ON timex (document_id);
