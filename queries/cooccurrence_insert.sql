-- cooccurrence_insert: two local entities named in the sentence [:span_start, :span_end).
INSERT INTO cooccurrence (document_id, local_a, local_b, span_start, span_end)
VALUES (:document, :local_a, :local_b, :span_start, :span_end);
