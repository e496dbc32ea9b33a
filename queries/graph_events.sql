-- graph_events: the event vertices (those with evidence), by id. /*scan*/
SELECT v.id, v.kind FROM event v
 WHERE EXISTS (SELECT 1 FROM event_mention em WHERE em.event_id = v.id)
 ORDER BY v.id;
