-- hop_cooccurrence: sentences naming both entity :a and entity :b (recorded pairs).
SELECT c.document_id, c.span_start, c.span_end
  FROM local_entity la
  JOIN cooccurrence c ON c.local_a = la.id
  JOIN local_entity lb ON lb.id = c.local_b
 WHERE la.entity_id = :a AND lb.entity_id = :b
UNION
SELECT c.document_id, c.span_start, c.span_end
  FROM local_entity lb
  JOIN cooccurrence c ON c.local_b = lb.id
  JOIN local_entity la ON la.id = c.local_a
 WHERE lb.entity_id = :a AND la.entity_id = :b
 ORDER BY 1, 2 LIMIT :limit;
