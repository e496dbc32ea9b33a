-- entity_documents: the documents that mention entity :id, with how often,
-- most mentions first.
SELECT d.id, d.title, d.uri, d.source, d.published, count(*) AS mentions
  FROM local_entity l
  JOIN mention m ON m.local_entity_id = l.id
  JOIN document d ON d.id = l.document_id
 WHERE l.entity_id = :id
 GROUP BY d.id
 ORDER BY mentions DESC, d.published, d.id
 LIMIT :limit;
