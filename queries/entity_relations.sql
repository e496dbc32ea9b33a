-- entity_relations: relationships with entity :id as subject or object, with
-- the first span that states each.
SELECT r.id, s.name, r.predicate, o.name, v.documents,
       (SELECT rm.document_id FROM relation_mention rm WHERE rm.relation_id = r.id ORDER BY rm.id LIMIT 1),
       (SELECT rm.span_start FROM relation_mention rm WHERE rm.relation_id = r.id ORDER BY rm.id LIMIT 1),
       (SELECT rm.span_end FROM relation_mention rm WHERE rm.relation_id = r.id ORDER BY rm.id LIMIT 1)
  FROM relation r
  JOIN relationships v ON v.id = r.id
  JOIN entity s ON s.id = r.subject_entity_id
  JOIN entity o ON o.id = r.object_entity_id
 WHERE r.subject_entity_id = :id OR r.object_entity_id = :id
 ORDER BY v.documents DESC, r.predicate, s.name, o.name;
