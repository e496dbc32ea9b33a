-- search_documents: documents matching the full-text query :query (FTS5 syntax),
-- best first (bm25), with a snippet whose matches are marked [ ].
SELECT d.id, d.title, d.uri, d.source, d.published,
       snippet(document_fts, 1, '[', ']', '…', 14) AS snippet
  FROM document_fts JOIN document d ON d.id = document_fts.rowid
 WHERE document_fts MATCH :query
 ORDER BY bm25(document_fts, 5.0, 1.0)
 LIMIT :limit;
