-- The public read interface of CONTRACT.md section 2. Counts are computed from
-- the evidence rows, so they cannot drift from them. Items left without any
-- evidence (after a document was replaced) are not shown.
CREATE VIEW documents AS
  SELECT id, uri, title, source, published, text FROM document;

CREATE VIEW entities AS
  SELECT e.id, e.kind, e.name,
         (SELECT json_group_array(t) FROM
            (SELECT DISTINCT replace(replace(replace(m.text, char(160), ' '), char(8239), ' '), char(10), ' ') AS t
               FROM local_entity l JOIN mention m ON m.local_entity_id = l.id
              WHERE l.entity_id = e.id AND m.form = 'name' AND t <> e.name ORDER BY t)) AS aliases,
         (SELECT count(*) FROM local_entity l JOIN mention m ON m.local_entity_id = l.id
           WHERE l.entity_id = e.id) AS mentions,
         (SELECT count(DISTINCT m.document_id) FROM local_entity l JOIN mention m ON m.local_entity_id = l.id
           WHERE l.entity_id = e.id) AS documents
    FROM entity e
   WHERE EXISTS (SELECT 1 FROM local_entity l JOIN mention m ON m.local_entity_id = l.id WHERE l.entity_id = e.id);

CREATE VIEW events AS
  SELECT v.id, v.kind, v.label, v.date, pe.name AS place,
         (SELECT json_group_array(json_object('entity', name, 'role', role)) FROM
            (SELECT e.name AS name,
                    CASE min(CASE p.role WHEN 'agent' THEN 0 WHEN 'patient' THEN 1 WHEN 'recipient' THEN 2 ELSE 3 END)
                      WHEN 0 THEN 'agent' WHEN 1 THEN 'patient' WHEN 2 THEN 'recipient' ELSE 'participant' END AS role
               FROM event_mention em
               JOIN event_participant p ON p.event_mention_id = em.id
               JOIN local_entity l ON l.id = p.local_entity_id
               JOIN entity e ON e.id = l.entity_id
              WHERE em.event_id = v.id
              GROUP BY e.id ORDER BY min(em.id), e.name)) AS participants,
         (SELECT count(DISTINCT em.document_id) FROM event_mention em WHERE em.event_id = v.id) AS documents
    FROM event v LEFT JOIN entity pe ON pe.id = v.place_entity_id
   WHERE EXISTS (SELECT 1 FROM event_mention em WHERE em.event_id = v.id);

CREATE VIEW claims AS
  SELECT c.id, s.name AS speaker, c.content, c.quoted, c.date,
         (SELECT count(DISTINCT cm.document_id) FROM claim_mention cm WHERE cm.claim_id = c.id) AS documents
    FROM claim c LEFT JOIN entity s ON s.id = c.speaker_entity_id
   WHERE EXISTS (SELECT 1 FROM claim_mention cm WHERE cm.claim_id = c.id);

CREATE VIEW relationships AS
  SELECT r.id, s.name AS subject, r.predicate, o.name AS object,
         (SELECT count(DISTINCT rm.document_id) FROM relation_mention rm WHERE rm.relation_id = r.id) AS documents
    FROM relation r JOIN entity s ON s.id = r.subject_entity_id JOIN entity o ON o.id = r.object_entity_id
   WHERE EXISTS (SELECT 1 FROM relation_mention rm WHERE rm.relation_id = r.id);

CREATE VIEW evidence AS
  SELECT 'entity' AS item_kind, l.entity_id AS item_id, m.document_id, m.span_start, m.span_end, m.text, m.form
    FROM mention m JOIN local_entity l ON l.id = m.local_entity_id
  UNION ALL
  SELECT 'event', em.event_id, em.document_id, em.span_start, em.span_end, em.text, NULL
    FROM event_mention em WHERE em.event_id IS NOT NULL
  UNION ALL
  SELECT 'claim', cm.claim_id, cm.document_id, cm.span_start, cm.span_end, cm.text, NULL
    FROM claim_mention cm WHERE cm.claim_id IS NOT NULL
  UNION ALL
  SELECT 'relationship', rm.relation_id, rm.document_id, rm.span_start, rm.span_end, rm.text, NULL
    FROM relation_mention rm WHERE rm.relation_id IS NOT NULL;

CREATE VIEW timexes AS
  SELECT document_id, span_start, span_end, text, type, value FROM timex;

-- Beyond the contract (additive): links between event nodes. relation is
-- 'responds_to' (event_id answers target_id, e.g. a refusal of an offer).
CREATE VIEW event_links AS
  SELECT DISTINCT s.event_id AS event_id, 'responds_to' AS relation, t.event_id AS target_id
    FROM event_response r
    JOIN event_mention s ON s.id = r.source JOIN event_mention t ON t.id = r.target
   WHERE s.event_id IS NOT NULL AND t.event_id IS NOT NULL AND s.event_id <> t.event_id;
