-- hop_comention: pairs of mentions of entities :a and :b in one document, for
-- finding a shared sentence where no pairs were recorded (:a the rarer one).
SELECT ma.document_id, ma.span_start, ma.span_end, mb.span_start, mb.span_end
  FROM local_entity la
  CROSS JOIN local_entity lb ON lb.document_id = la.document_id AND +lb.entity_id = :b
  CROSS JOIN mention ma ON ma.local_entity_id = la.id AND ma.form <> 'pronoun'
  CROSS JOIN mention mb ON mb.local_entity_id = lb.id AND mb.form <> 'pronoun'
 WHERE la.entity_id = :a
 LIMIT 500;  -- document by document, in the order of :a's entries
