-- 1.2: event_mention keeps no index on `cluster` or on (`lemma`, `kind`). No
-- query looks mentions up by them, and each cost a write for every mention
-- stored and every cluster set (a fifth of storing an ingest's event
-- mentions). A 1.0 or 1.1 database loses them when it is next opened for
-- writing; on a new database this does nothing.
DROP INDEX IF EXISTS event_mention_cluster;
DROP INDEX IF EXISTS event_mention_lemma;
