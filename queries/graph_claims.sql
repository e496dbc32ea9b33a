-- graph_claims: the claim vertices (those with evidence), by id. /*scan*/
SELECT c.id FROM claim c
 WHERE EXISTS (SELECT 1 FROM claim_mention cm WHERE cm.claim_id = c.id)
 ORDER BY c.id;
