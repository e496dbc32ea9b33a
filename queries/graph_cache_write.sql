-- graph_cache_write: stores the adjacency :name built at :generation, unless the
-- data has moved on since (another writer bumped the generation meanwhile).
INSERT OR REPLACE INTO graph_cache (name, generation, format, data)
SELECT :name, :generation, :format, :data
 WHERE (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'data.generation') = :generation;
