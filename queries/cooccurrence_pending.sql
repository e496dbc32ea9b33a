-- cooccurrence_pending: documents whose sentences have not been scanned for
-- co-occurring entities yet. /*scan*/
SELECT d.id, d.text FROM document d
 WHERE NOT EXISTS (SELECT 1 FROM cooccurrence_scan s WHERE s.document_id = d.id)
 ORDER BY d.id;
