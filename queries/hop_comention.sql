-- hop_comention: pairs of mentions of entities :a and :b in one document, for
-- finding a shared sentence where no pairs were recorded.
SELECT ma.document_id, ma.span_start, ma.span_end, mb.span_start, mb.span_end
  FROM local_entity la
  JOIN mention ma ON ma.local_entity_id = la.id AND ma.form <> 'pronoun'
  JOIN local_entity lb ON lb.document_id = la.document_id AND lb.entity_id = :b
  JOIN mention mb ON mb.local_entity_id = lb.id AND mb.form <> 'pronoun'
 WHERE la.entity_id = :a
 ORDER BY ma.document_id, ma.span_start LIMIT 500;
