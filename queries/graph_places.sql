-- graph_places: location -> event links, weighted by the event mentions that place it there. /*scan*/
SELECT l.entity_id, em.event_id, count(*) AS weight
  FROM event_mention em JOIN local_entity l ON l.id = em.place_local_id
 GROUP BY em.event_id, l.entity_id;
