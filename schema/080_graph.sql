-- graph: what the query side keeps to answer quickly (src/graph/).
--  * mention_name: finds an entity by any alias (a name mention's text; the
--    name a document gives an entity is one of its name mentions).
--  * cooccurrence: pairs of entities named in one sentence, per document, with
--    the sentence as evidence; filled lazily by the graph loader for documents
--    listed as not yet scanned (cooccurrence_scan keeps the scanned ones).
--    Both go away with their document (ON DELETE CASCADE).
--  * graph_cache: the compact adjacency of the whole graph (one blob), valid
--    while its generation equals meta 'data.generation'.
--  * data.generation: bumped by triggers whenever documents come or go or
--    resolution moves evidence between nodes, so a stale cache is never used.
CREATE INDEX mention_name ON mention (text COLLATE NOCASE) WHERE form = 'name';

CREATE TABLE cooccurrence (
  document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,
  local_a     INTEGER NOT NULL,   -- local_entity ids, local_a < local_b
  local_b     INTEGER NOT NULL,
  span_start  INTEGER NOT NULL,   -- the sentence, code points into documents.text
  span_end    INTEGER NOT NULL,
  CONSTRAINT cooccurrence_order_check CHECK (local_a < local_b),
  CONSTRAINT cooccurrence_span_check CHECK (0 <= span_start AND span_start < span_end)
);
CREATE INDEX cooccurrence_document ON cooccurrence (document_id);
CREATE INDEX cooccurrence_pair ON cooccurrence (local_a, local_b);

CREATE TABLE cooccurrence_scan (
  document_id INTEGER PRIMARY KEY REFERENCES document (id) ON DELETE CASCADE
);

CREATE TABLE graph_cache (
  name       TEXT NOT NULL PRIMARY KEY,
  generation INTEGER NOT NULL,
  format     INTEGER NOT NULL,    -- layout version of `data` (src/graph/cache.cpp)
  data       BLOB NOT NULL
);

INSERT INTO meta (key, value) VALUES ('data.generation', '0');

CREATE TRIGGER document_generation_insert AFTER INSERT ON document BEGIN
  UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data.generation';
END;
CREATE TRIGGER document_generation_delete AFTER DELETE ON document BEGIN
  UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data.generation';
END;
CREATE TRIGGER entity_generation_update AFTER UPDATE ON entity BEGIN
  UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data.generation';
END;
CREATE TRIGGER local_entity_generation_update AFTER UPDATE OF entity_id ON local_entity BEGIN
  UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data.generation';
END;
CREATE TRIGGER event_mention_generation_update AFTER UPDATE OF event_id ON event_mention BEGIN
  UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data.generation';
END;
CREATE TRIGGER claim_mention_generation_update AFTER UPDATE OF claim_id ON claim_mention BEGIN
  UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data.generation';
END;
CREATE TRIGGER relation_mention_generation_update AFTER UPDATE OF relation_id ON relation_mention BEGIN
  UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data.generation';
END;
CREATE TRIGGER event_generation_update AFTER UPDATE OF place_entity_id, kind ON event BEGIN
  UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data.generation';
END;

-- Timeline by place: events that happened at an entity.
CREATE INDEX event_place ON event (place_entity_id);
