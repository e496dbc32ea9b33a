-- relation: a typed edge between two entities (a resolved node);
-- relation_mention: the span of one document that states it.
CREATE TABLE relation (
  id                INTEGER PRIMARY KEY,
  key               TEXT NOT NULL,
  subject_entity_id INTEGER NOT NULL REFERENCES entity (id),
  predicate         TEXT NOT NULL,
  object_entity_id  INTEGER NOT NULL REFERENCES entity (id),
  CONSTRAINT relation_key_unique UNIQUE (key),
  CONSTRAINT relation_predicate_check CHECK (predicate = 'member_of' OR predicate = 'leader_of'
    OR predicate = 'spokesperson_for' OR predicate = 'employed_by' OR predicate = 'citizen_of'
    OR predicate = 'located_in' OR predicate = 'part_of' OR predicate = 'related_to')
);
CREATE INDEX relation_subject ON relation (subject_entity_id);
CREATE INDEX relation_object ON relation (object_entity_id);

CREATE TABLE relation_mention (
  id                INTEGER PRIMARY KEY,
  relation_id       INTEGER REFERENCES relation (id),       -- set by resolution
  document_id       INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,
  subject_local_id  INTEGER NOT NULL REFERENCES local_entity (id) ON DELETE CASCADE,
  object_local_id   INTEGER NOT NULL REFERENCES local_entity (id) ON DELETE CASCADE,
  predicate         TEXT NOT NULL,
  span_start        INTEGER NOT NULL,
  span_end          INTEGER NOT NULL,
  text              TEXT NOT NULL,
  CONSTRAINT relation_mention_span_check CHECK (0 <= span_start AND span_start < span_end)
);
CREATE INDEX relation_mention_relation ON relation_mention (relation_id);
CREATE INDEX relation_mention_document ON relation_mention (document_id);
CREATE INDEX relation_mention_subject ON relation_mention (subject_local_id);
CREATE INDEX relation_mention_object ON relation_mention (object_local_id);
