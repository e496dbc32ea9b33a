-- hop_cooccurrence: recorded sentences naming both entity :a and entity :b,
-- driven from :a (the caller passes the entity with fewer documents as :a)
-- through the documents it is in (the unary + keeps SQLite from walking :b).
SELECT c.document_id, c.span_start, c.span_end
  FROM local_entity la
  CROSS JOIN local_entity lb ON lb.document_id = la.document_id AND +lb.entity_id = :b
  CROSS JOIN cooccurrence c ON c.local_a = min(la.id, lb.id) AND c.local_b = max(la.id, lb.id)
 WHERE la.entity_id = :a
 LIMIT :limit;  -- in the order of :a's documents, stopping at the first matches
