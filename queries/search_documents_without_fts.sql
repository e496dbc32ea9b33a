-- search_documents_without_fts: documents containing :text (any case), for
-- databases without document_fts (before 1.1). /*scan*/
SELECT d.id, d.title, d.uri, d.source, d.published,
       substr(d.text, max(1, instr(lower(d.text), lower(:text)) - 60), 140) AS snippet
  FROM document d
 WHERE instr(lower(d.text), lower(:text)) > 0 OR instr(lower(coalesce(d.title, '')), lower(:text)) > 0
 ORDER BY d.id
 LIMIT :limit;
