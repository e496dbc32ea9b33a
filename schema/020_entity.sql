-- entity: one real-world entity across all documents (a resolved node).
-- local_entity: the same entity as one document sees it (in-document chain);
-- resolution points each local_entity at its entity. mention: one span.
CREATE TABLE entity (
  id   INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  key  TEXT NOT NULL,             -- resolution key, see src/resolve/keys.h
  name TEXT NOT NULL,             -- canonical name: the fullest common form
  CONSTRAINT entity_key_unique UNIQUE (key),
  CONSTRAINT entity_kind_check CHECK (kind = 'person' OR kind = 'organization' OR kind = 'location'
    OR kind = 'other')
);
CREATE INDEX entity_name ON entity (name COLLATE NOCASE);

CREATE TABLE local_entity (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,
  entity_id   INTEGER NOT NULL REFERENCES entity (id),
  kind        TEXT NOT NULL,
  name        TEXT NOT NULL,
  key         TEXT NOT NULL,
  CONSTRAINT local_entity_kind_check CHECK (kind = 'person' OR kind = 'organization' OR kind = 'location'
    OR kind = 'other')
);
CREATE INDEX local_entity_document ON local_entity (document_id);
CREATE INDEX local_entity_entity ON local_entity (entity_id);
CREATE INDEX local_entity_key ON local_entity (key);

CREATE TABLE mention (
  id              INTEGER PRIMARY KEY,
  local_entity_id INTEGER NOT NULL REFERENCES local_entity (id) ON DELETE CASCADE,
  document_id     INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,
  span_start      INTEGER NOT NULL,
  span_end        INTEGER NOT NULL,
  text            TEXT NOT NULL,
  form            TEXT NOT NULL,
  CONSTRAINT mention_span_check CHECK (0 <= span_start AND span_start < span_end),
  CONSTRAINT mention_form_check CHECK (form = 'name' OR form = 'nominal' OR form = 'pronoun')
);
CREATE INDEX mention_local_entity ON mention (local_entity_id);
CREATE INDEX mention_document ON mention (document_id);

-- alias: "the name form `source_key` was used for the entity `target_key` in this
-- document" (a surname for a full name, an acronym for its expansion). Cross-
-- document resolution sends a key to the one target its aliases agree on, and
-- keeps it apart when they name several (two people sharing a surname).
CREATE TABLE alias (
  source_key  TEXT NOT NULL,
  target_key  TEXT NOT NULL,
  document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,
  PRIMARY KEY (source_key, target_key, document_id)
) WITHOUT ROWID;
CREATE INDEX alias_target ON alias (target_key);
CREATE INDEX alias_document ON alias (document_id);
