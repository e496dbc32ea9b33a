-- has_table: whether the schema has a table, view or virtual table :name.
SELECT 1 FROM sqlite_master WHERE name = :name AND type IN ('table', 'view');
