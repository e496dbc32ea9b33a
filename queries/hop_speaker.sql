-- hop_speaker: occurrences of claim :claim attributed to entity :entity (the claim span).
SELECT cm.document_id, cm.span_start, cm.span_end
  FROM claim_mention cm CROSS JOIN local_entity l ON l.id = cm.speaker_local_id
 WHERE cm.claim_id = :claim AND l.entity_id = :entity
 ORDER BY cm.id LIMIT :limit;
