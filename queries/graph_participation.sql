-- graph_participation: entity -> event links with the strongest role any mention
-- gives (0 agent, 1 patient, 2 recipient, 3 participant) and the number of event
-- mentions naming that entity as a participant. /*scan*/
SELECT l.entity_id, em.event_id,
       min(CASE p.role WHEN 'agent' THEN 0 WHEN 'patient' THEN 1 WHEN 'recipient' THEN 2 ELSE 3 END) AS role,
       count(*) AS weight
  FROM event_participant p
  JOIN event_mention em ON em.id = p.event_mention_id
  JOIN local_entity l ON l.id = p.local_entity_id
 GROUP BY em.event_id, l.entity_id;
