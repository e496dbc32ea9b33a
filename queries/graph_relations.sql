-- graph_relations: subject -> object links, one per relationship, weighted by the spans stating it. /*scan*/
SELECT r.subject_entity_id, r.object_entity_id, r.predicate, count(*) AS weight
  FROM relation r JOIN relation_mention rm ON rm.relation_id = r.id
 GROUP BY r.id;
