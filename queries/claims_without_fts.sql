-- claims_without_fts: like claims, for databases without claim_fts (before
-- 1.1): :search is plain text the content must contain, in any ASCII case. /*scan*/
SELECT c.id, c.speaker, c.content, c.quoted, c.date, c.documents
  FROM claims c JOIN claim k ON k.id = c.id
 WHERE (:speakers IS NULL OR k.speaker_entity_id IN (SELECT value FROM json_each(:speakers)))
   AND (:about IS NULL OR c.id IN (
        SELECT cm.claim_id FROM local_entity l
          JOIN mention m ON m.local_entity_id = l.id AND m.form <> 'pronoun'
          JOIN claim_mention cm ON cm.document_id = m.document_id
                               AND m.span_start >= cm.span_start AND m.span_end <= cm.span_end
         WHERE l.entity_id IN (SELECT value FROM json_each(:about))))
   AND (:search IS NULL OR instr(lower(c.content), lower(:search)) > 0)
 ORDER BY c.date IS NULL, c.date, c.id
 LIMIT :limit;
