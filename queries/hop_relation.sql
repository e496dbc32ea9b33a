-- hop_relation: spans stating that :subject :predicate :object.
SELECT rm.document_id, rm.span_start, rm.span_end
  FROM relation r JOIN relation_mention rm ON rm.relation_id = r.id
 WHERE r.subject_entity_id = :subject AND r.object_entity_id = :object AND r.predicate = :predicate
 ORDER BY rm.id LIMIT :limit;
