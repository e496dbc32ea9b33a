-- graph_entities: the entity vertices (those with evidence, as in the entities view), by id. /*scan*/
SELECT e.id, e.kind, e.name FROM entity e
 WHERE EXISTS (SELECT 1 FROM local_entity l JOIN mention m ON m.local_entity_id = l.id WHERE l.entity_id = e.id)
 ORDER BY e.id;
