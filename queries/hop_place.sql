-- hop_place: event mentions placing event :event at entity :entity.
SELECT em.document_id, em.span_start, em.span_end
  FROM local_entity l JOIN event_mention em ON em.place_local_id = l.id
 WHERE l.entity_id = :entity AND em.event_id = :event
 ORDER BY em.id LIMIT :limit;
