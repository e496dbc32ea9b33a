-- search_entities: entities whose canonical name contains :text (any ASCII case),
-- most mentioned first. /*scan*/
SELECT e.id, e.kind, e.name,
       (SELECT count(*) FROM local_entity l JOIN mention m ON m.local_entity_id = l.id WHERE l.entity_id = e.id) AS mentions
  FROM entity e
 WHERE instr(lower(e.name), lower(:text)) > 0
 ORDER BY mentions DESC, e.name
 LIMIT :limit;
