-- graph_cache_read: the row and layout version of the cached adjacency :name if
-- it was built at generation :generation (its data is then read piece by piece).
SELECT rowid, format FROM graph_cache WHERE name = :name AND generation = :generation;
