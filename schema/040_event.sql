-- event: one real-world event across documents (a resolved node); its date,
-- place and label are chosen by resolution from its mentions.
-- event_mention: one trigger in one document; event_participant: who took part
-- in that mention and in what role.
CREATE TABLE event (
  id              INTEGER PRIMARY KEY,
  key             TEXT NOT NULL,
  kind            TEXT NOT NULL,
  label           TEXT NOT NULL,
  date            TEXT,
  place_entity_id INTEGER REFERENCES entity (id) ON DELETE SET NULL,
  CONSTRAINT event_key_unique UNIQUE (key),
  CONSTRAINT event_kind_check CHECK (kind = 'meeting' OR kind = 'statement' OR kind = 'offer'
    OR kind = 'demand' OR kind = 'agreement' OR kind = 'refusal' OR kind = 'accusation' OR kind = 'threat'
    OR kind = 'attack' OR kind = 'protest' OR kind = 'vote' OR kind = 'appointment' OR kind = 'resignation'
    OR kind = 'legal' OR kind = 'sanction' OR kind = 'aid' OR kind = 'visit' OR kind = 'deal'
    OR kind = 'disaster' OR kind = 'other'),
  CONSTRAINT event_date_check CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]*')
);
CREATE INDEX event_date ON event (date);

CREATE TABLE event_mention (
  id              INTEGER PRIMARY KEY,
  event_id        INTEGER REFERENCES event (id),          -- set by resolution
  document_id     INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,
  span_start      INTEGER NOT NULL,
  span_end        INTEGER NOT NULL,
  text            TEXT NOT NULL,
  kind            TEXT NOT NULL,
  lemma           TEXT NOT NULL,
  date            TEXT,
  place_local_id  INTEGER REFERENCES local_entity (id) ON DELETE SET NULL,
  sentence        INTEGER NOT NULL,
  timex_value     TEXT,             -- TimeML value of the expression dating it, when there is one
  cluster         INTEGER,          -- first mention of its in-document cluster (same event), set by resolution
  CONSTRAINT event_mention_span_check CHECK (0 <= span_start AND span_start < span_end)
);
CREATE INDEX event_mention_event ON event_mention (event_id);
CREATE INDEX event_mention_document ON event_mention (document_id);
CREATE INDEX event_mention_place ON event_mention (place_local_id);

-- event_link: two in-document clusters (named by their first mention) that
-- report the same event, as judged by resolution when either was stored; event
-- nodes are derived from these links (store/event_resolver.cpp), so they depend
-- only on which documents are stored, not on their order.
CREATE TABLE event_link (
  a INTEGER NOT NULL REFERENCES event_mention (id) ON DELETE CASCADE,
  b INTEGER NOT NULL REFERENCES event_mention (id) ON DELETE CASCADE,
  CONSTRAINT event_link_order_check CHECK (a < b),
  PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX event_link_b ON event_link (b);

-- event_response: an event that answers an earlier one reported in the same
-- document ("the Kremlin responded" to an offer), between in-document clusters
-- (named by their first mention); the event_links view lifts it to event nodes.
CREATE TABLE event_response (
  source INTEGER NOT NULL REFERENCES event_mention (id) ON DELETE CASCADE,
  target INTEGER NOT NULL REFERENCES event_mention (id) ON DELETE CASCADE,
  PRIMARY KEY (source, target)
) WITHOUT ROWID;
CREATE INDEX event_response_target ON event_response (target);

CREATE TABLE event_participant (
  event_mention_id INTEGER NOT NULL REFERENCES event_mention (id) ON DELETE CASCADE,
  local_entity_id  INTEGER NOT NULL REFERENCES local_entity (id) ON DELETE CASCADE,
  role             TEXT NOT NULL,
  CONSTRAINT event_participant_role_check CHECK (role = 'agent' OR role = 'patient' OR role = 'recipient'
    OR role = 'participant'),
  PRIMARY KEY (event_mention_id, local_entity_id)
) WITHOUT ROWID;
CREATE INDEX event_participant_local ON event_participant (local_entity_id);
