-- entity_descriptions: how documents describe entity :id in words (its nominal
-- mentions: "the mayor", "the union"), most frequent first.
SELECT m.text, count(*) AS n, count(DISTINCT m.document_id) AS documents
  FROM local_entity l JOIN mention m ON m.local_entity_id = l.id
 WHERE l.entity_id = :id AND m.form = 'nominal'
 GROUP BY lower(m.text)
 ORDER BY n DESC, m.text
 LIMIT :limit;
