-- event_evidence: the trigger spans that support event :event, one per event
-- mention, with their documents, earliest published first.
SELECT em.document_id, em.span_start, em.span_end, em.text, d.title, d.uri, d.source, d.published
  FROM event_mention em JOIN document d ON d.id = em.document_id
 WHERE em.event_id = :event
 ORDER BY d.published IS NULL, d.published, em.document_id, em.span_start;
