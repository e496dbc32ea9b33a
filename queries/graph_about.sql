-- graph_about: claim -> entity links for entities named (not by pronoun) inside
-- the claim's content, weighted by such mentions. /*scan*/
SELECT cm.claim_id, l.entity_id, count(*) AS weight
  FROM claim_mention cm
  JOIN mention m ON m.document_id = cm.document_id AND m.span_start >= cm.span_start AND m.span_end <= cm.span_end
                AND m.form <> 'pronoun'
  JOIN local_entity l ON l.id = m.local_entity_id
 GROUP BY cm.claim_id, l.entity_id;
