-- entity_counts: evidence counts and aliases of entity :id, as the entities view gives them.
SELECT mentions, documents, aliases FROM entities WHERE id = :id;
