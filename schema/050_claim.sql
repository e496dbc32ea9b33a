-- claim: one thing someone said, across documents (a resolved node).
-- claim_mention: one occurrence of it in one document, its content span as
-- evidence, and the cue and speaker mention that attribute it.
CREATE TABLE claim (
  id                INTEGER PRIMARY KEY,
  key               TEXT NOT NULL,
  speaker_entity_id INTEGER REFERENCES entity (id) ON DELETE SET NULL,
  content           TEXT NOT NULL,
  quoted            INTEGER NOT NULL,
  date              TEXT,
  CONSTRAINT claim_key_unique UNIQUE (key),
  CONSTRAINT claim_quoted_check CHECK (quoted IN (0, 1))
);
CREATE INDEX claim_speaker ON claim (speaker_entity_id);

CREATE TABLE claim_mention (
  id               INTEGER PRIMARY KEY,
  claim_id         INTEGER REFERENCES claim (id),          -- set by resolution
  document_id      INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,
  part_of          INTEGER REFERENCES claim_mention (id) ON DELETE CASCADE,  -- first piece of a split quotation
  span_start       INTEGER NOT NULL,
  span_end         INTEGER NOT NULL,
  text             TEXT NOT NULL,
  quoted           INTEGER NOT NULL,
  speaker_local_id INTEGER REFERENCES local_entity (id) ON DELETE SET NULL,
  cue_start        INTEGER,
  cue_end          INTEGER,
  date             TEXT,
  timex_value      TEXT,             -- TimeML value of the expression dating the cue
  sentence         INTEGER NOT NULL,
  CONSTRAINT claim_mention_span_check CHECK (0 <= span_start AND span_start < span_end)
);
CREATE INDEX claim_mention_claim ON claim_mention (claim_id);
CREATE INDEX claim_mention_document ON claim_mention (document_id);
CREATE INDEX claim_mention_speaker ON claim_mention (speaker_local_id);
CREATE INDEX claim_mention_part ON claim_mention (part_of);

-- claim_link: a claim that responds to or contradicts an earlier one.
CREATE TABLE claim_link (
  claim_id  INTEGER NOT NULL REFERENCES claim (id) ON DELETE CASCADE,
  target_id INTEGER NOT NULL REFERENCES claim (id) ON DELETE CASCADE,
  relation  TEXT NOT NULL,
  CONSTRAINT claim_link_relation_check CHECK (relation = 'responds_to' OR relation = 'contradicts'
    OR relation = 'supports'),
  PRIMARY KEY (claim_id, target_id, relation)
) WITHOUT ROWID;
