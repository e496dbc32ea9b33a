-- html_document_count: how many documents the database holds.
SELECT count(*) FROM documents;
