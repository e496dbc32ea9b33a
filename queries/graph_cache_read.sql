-- graph_cache_read: the cached adjacency :name if it was built at generation :generation.
SELECT format, data FROM graph_cache WHERE name = :name AND generation = :generation;
