-- entity_names: every name an entity is known by (canonical, per document and
-- name mentions), once per entity, with its mention count; for matching names
-- beyond ASCII case and for "did you mean" suggestions. /*scan*/
SELECT n.entity_id, n.name, e.name AS canonical, e.kind,
       (SELECT count(*) FROM local_entity l JOIN mention m ON m.local_entity_id = l.id
         WHERE l.entity_id = n.entity_id) AS mentions
  FROM (SELECT id AS entity_id, name FROM entity
        UNION
        SELECT entity_id, name FROM local_entity
        UNION
        SELECT l.entity_id, m.text FROM mention m JOIN local_entity l ON l.id = m.local_entity_id
         WHERE m.form = 'name') n
  JOIN entity e ON e.id = n.entity_id;
