-- entity_by_name: the entities called :name, matched without regard to ASCII
-- case against the canonical name or any name mention (an alias). Most
-- mentioned first.
SELECT e.id, e.kind, e.name,
       (SELECT count(*) FROM local_entity l JOIN mention m ON m.local_entity_id = l.id
         WHERE l.entity_id = e.id) AS mentions
  FROM entity e
 WHERE e.id IN (SELECT x.id FROM entity x WHERE x.name = :name COLLATE NOCASE
                UNION
                SELECT l.entity_id FROM mention m JOIN local_entity l ON l.id = m.local_entity_id
                 WHERE m.text = :name COLLATE NOCASE AND m.form = 'name')
 ORDER BY mentions DESC, e.id;
