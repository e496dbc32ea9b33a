-- hop_speaker: occurrences of claim :claim attributed to entity :entity (the claim span).
SELECT cm.document_id, cm.span_start, cm.span_end
  FROM local_entity l JOIN claim_mention cm ON cm.speaker_local_id = l.id
 WHERE l.entity_id = :entity AND cm.claim_id = :claim
 ORDER BY cm.id LIMIT :limit;
