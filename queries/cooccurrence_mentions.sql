-- cooccurrence_mentions: the name and nominal mentions of document :document in
-- text order, with their local and resolved entity.
SELECT m.local_entity_id, l.entity_id, m.span_start, m.span_end
  FROM mention m JOIN local_entity l ON l.id = m.local_entity_id
 WHERE m.document_id = :document AND m.form <> 'pronoun'
 ORDER BY m.span_start;
