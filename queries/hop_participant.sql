-- hop_participant: event mentions naming entity :entity as a participant of
-- event :event (driven from the event, which has few mentions).
SELECT em.document_id, em.span_start, em.span_end
  FROM event_mention em
  CROSS JOIN event_participant p ON p.event_mention_id = em.id
  CROSS JOIN local_entity l ON l.id = p.local_entity_id
 WHERE em.event_id = :event AND l.entity_id = :entity
 ORDER BY em.id LIMIT :limit;
