-- claim_links: the claims that claim :id answers (incoming = 0) and the claims
-- that answer it (incoming = 1), with the relation (responds_to, contradicts)
-- of the table claim_link; earliest first.
SELECT relation, incoming, id, speaker, content, date FROM (
  SELECT k.relation, 0 AS incoming, t.id, t.speaker, t.content, t.date
    FROM claim_link k JOIN claims t ON t.id = k.target_id
   WHERE k.claim_id = :id
  UNION ALL
  SELECT k.relation, 1 AS incoming, s.id, s.speaker, s.content, s.date
    FROM claim_link k JOIN claims s ON s.id = k.claim_id
   WHERE k.target_id = :id)
 ORDER BY date IS NULL, date, id;
