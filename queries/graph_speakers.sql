-- graph_speakers: speaker -> claim links, weighted by the occurrences attributed to that speaker. /*scan*/
SELECT l.entity_id, cm.claim_id, count(*) AS weight
  FROM claim_mention cm JOIN local_entity l ON l.id = cm.speaker_local_id
 GROUP BY cm.claim_id, l.entity_id;
