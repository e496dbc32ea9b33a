-- graph_cooccurrence: entity pairs named in one sentence, with the number of
-- such sentences (from the cooccurrence table). /*scan*/
SELECT la.entity_id, lb.entity_id, count(*) AS weight
  FROM cooccurrence c
  JOIN local_entity la ON la.id = c.local_a
  JOIN local_entity lb ON lb.id = c.local_b
 WHERE la.entity_id <> lb.entity_id
 GROUP BY la.entity_id, lb.entity_id;
