-- hop_place: event mentions placing event :event at entity :entity.
SELECT em.document_id, em.span_start, em.span_end
  FROM event_mention em CROSS JOIN local_entity l ON l.id = em.place_local_id
 WHERE em.event_id = :event AND l.entity_id = :entity
 ORDER BY em.id LIMIT :limit;
