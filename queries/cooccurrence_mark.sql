-- cooccurrence_mark: document :document has been scanned.
INSERT OR IGNORE INTO cooccurrence_scan (document_id) VALUES (:document);
