-- timeline_for_entities: like timeline, restricted to the events in which one
-- of the entities :entities (a JSON array of entity ids) took part, in any role,
-- or which happened at one of them (the event's place).
WITH chosen(id) AS (
  SELECT em.event_id
    FROM local_entity l
    JOIN event_participant p ON p.local_entity_id = l.id
    JOIN event_mention em ON em.id = p.event_mention_id
   WHERE l.entity_id IN (SELECT value FROM json_each(:entities))
  UNION
  SELECT x.id FROM event x WHERE x.place_entity_id IN (SELECT value FROM json_each(:entities))
)
SELECT v.id, v.kind, v.label, v.date, v.place, v.participants, v.documents
  FROM events v
 WHERE v.id IN (SELECT id FROM chosen)
   AND (:kind IS NULL OR v.kind = :kind)
   AND (v.date IS NULL OR :from IS NULL OR
        substr(v.date, 1, min(length(v.date), length(:from))) >= substr(:from, 1, min(length(v.date), length(:from))))
   AND (v.date IS NULL OR :to IS NULL OR
        substr(v.date, 1, min(length(v.date), length(:to))) <= substr(:to, 1, min(length(v.date), length(:to))))
 ORDER BY v.date IS NULL, v.date, v.id;
