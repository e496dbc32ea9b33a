-- hop_about: occurrences of claim :claim whose content names entity :entity.
SELECT DISTINCT cm.document_id, cm.span_start, cm.span_end
  FROM claim_mention cm
  CROSS JOIN mention m ON m.document_id = cm.document_id AND m.span_start >= cm.span_start AND m.span_end <= cm.span_end
                      AND m.form <> 'pronoun'
  CROSS JOIN local_entity l ON l.id = m.local_entity_id
 WHERE cm.claim_id = :claim AND l.entity_id = :entity
 ORDER BY cm.document_id, cm.span_start LIMIT :limit;
