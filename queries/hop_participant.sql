-- hop_participant: event mentions naming entity :entity as a participant of event :event.
SELECT em.document_id, em.span_start, em.span_end
  FROM local_entity l
  JOIN event_participant p ON p.local_entity_id = l.id
  JOIN event_mention em ON em.id = p.event_mention_id
 WHERE l.entity_id = :entity AND em.event_id = :event
 ORDER BY em.id LIMIT :limit;
