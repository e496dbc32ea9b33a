-- timeline_for_entities: like timeline, restricted to the events of the
-- entities :entities (a JSON array of entity ids) and their context. `via` says
-- why an event is listed:
--   NULL               one of the entities took part, in any role, or it
--                      happened at one of them (the event's place);
--   'for NAME'         a dated event in which the entity NAME that one of them
--                      leads or speaks for (leader_of, spokesperson_for) took
--                      part, reported in an article that names them
--                      ("Zelenskyy" -> the invasion of Ukraine);
--   'responds to: L' / 'answered by: L'
--                      the event answers, or is answered by, one of the events
--                      above (the event_links view), L being the other's label.
WITH targets(id) AS (SELECT value FROM json_each(:entities)),
direct(id) AS (
  SELECT em.event_id
    FROM local_entity l
    JOIN event_participant p ON p.local_entity_id = l.id
    JOIN event_mention em ON em.id = p.event_mention_id
   WHERE l.entity_id IN targets AND em.event_id IS NOT NULL
  UNION
  SELECT x.id FROM event x WHERE x.place_entity_id IN targets
),
represented(id, name) AS (
  SELECT DISTINCT r.object_entity_id, o.name
    FROM relation r JOIN entity o ON o.id = r.object_entity_id
   WHERE r.subject_entity_id IN targets AND r.predicate IN ('leader_of', 'spokesperson_for')
     AND r.object_entity_id NOT IN targets
     AND EXISTS (SELECT 1 FROM relation_mention rm WHERE rm.relation_id = r.id)
),
on_behalf(id, via) AS (
  SELECT em.event_id, min('for ' || rep.name)
    FROM represented rep
    JOIN local_entity l ON l.entity_id = rep.id
    JOIN event_participant p ON p.local_entity_id = l.id
    JOIN event_mention em ON em.id = p.event_mention_id
   WHERE em.event_id IS NOT NULL AND em.event_id NOT IN direct
     AND (SELECT x.date FROM event x WHERE x.id = em.event_id) IS NOT NULL
     AND EXISTS (SELECT 1 FROM local_entity t WHERE t.document_id = em.document_id AND t.entity_id IN targets)
   GROUP BY em.event_id
),
own(id, via) AS (
  SELECT id, NULL FROM direct
  UNION ALL
  SELECT id, via FROM on_behalf
),
linked(id, via) AS (
  SELECT k.event_id, min('responds to: ' || t.label)
    FROM event_links k JOIN event t ON t.id = k.target_id
   WHERE k.target_id IN (SELECT id FROM own) AND k.event_id NOT IN (SELECT id FROM own)
   GROUP BY k.event_id
  UNION ALL
  SELECT k.target_id, min('answered by: ' || s.label)
    FROM event_links k JOIN event s ON s.id = k.event_id
   WHERE k.event_id IN (SELECT id FROM own) AND k.target_id NOT IN (SELECT id FROM own)
   GROUP BY k.target_id
),
chosen(id, via) AS (
  SELECT id, via FROM own
  UNION ALL
  SELECT id, min(via) FROM linked GROUP BY id
)
SELECT v.id, v.kind, v.label, v.date, v.place, v.participants, v.documents, c.via
  FROM events v JOIN chosen c ON c.id = v.id
 WHERE (:kind IS NULL OR v.kind = :kind)
   AND (v.date IS NULL OR :from IS NULL OR
        substr(v.date, 1, min(length(v.date), length(:from))) >= substr(:from, 1, min(length(v.date), length(:from))))
   AND (v.date IS NULL OR :to IS NULL OR
        substr(v.date, 1, min(length(v.date), length(:to))) <= substr(:to, 1, min(length(v.date), length(:to))))
 ORDER BY v.date IS NULL, v.date, v.id;
