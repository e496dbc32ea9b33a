-- cooccurrence_all_documents: every document, for databases without the cooccurrence table. /*scan*/
SELECT d.id, d.text FROM document d ORDER BY d.id;
