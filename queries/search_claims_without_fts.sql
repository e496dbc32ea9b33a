-- search_claims_without_fts: claims containing :text (any case), for databases
-- without claim_fts (before 1.1). /*scan*/
SELECT c.id, c.speaker, c.content, c.quoted, c.date, c.documents, c.content AS snippet
  FROM claims c
 WHERE instr(lower(c.content), lower(:text)) > 0
 ORDER BY c.id
 LIMIT :limit;
