-- document_text: the text that evidence offsets point into, and its metadata.
SELECT id, text, title, uri, source, published FROM documents WHERE id = :id;
