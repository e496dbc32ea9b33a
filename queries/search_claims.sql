-- search_claims: claims matching the full-text query :query (FTS5 syntax), best first.
SELECT c.id, c.speaker, c.content, c.quoted, c.date, c.documents,
       snippet(claim_fts, 0, '[', ']', '…', 20) AS snippet
  FROM claim_fts JOIN claims c ON c.id = claim_fts.rowid
 WHERE claim_fts MATCH :query
 ORDER BY bm25(claim_fts)
 LIMIT :limit;
