-- claim_evidence: the occurrences of claim :claim (content spans) with their documents, earliest first.
SELECT cm.document_id, cm.span_start, cm.span_end
  FROM claim_mention cm JOIN document d ON d.id = cm.document_id
 WHERE cm.claim_id = :claim
 ORDER BY d.published IS NULL, d.published, cm.document_id, cm.span_start
 LIMIT :limit;
