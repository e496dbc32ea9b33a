-- graph_generation: the data generation the graph cache must match (bumped by
-- the triggers of schema/080_graph.sql); no row in databases before 1.1.
SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'data.generation';
