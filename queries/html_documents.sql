-- html_documents: the documents, newest first, for the overview page.
SELECT id, title, uri, source, published FROM documents
 ORDER BY published IS NULL, published DESC, id
 LIMIT :limit;
