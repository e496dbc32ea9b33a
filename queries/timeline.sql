-- timeline: every event of kind :kind (NULL: any) that overlaps the period
-- [:from, :to] (each YYYY, YYYY-MM or YYYY-MM-DD, or NULL for open), in date
-- order. A partial date is a period too, so dates are compared on their common
-- prefix: "2025-12" overlaps --from 2025-12-10. Undated events (date NULL) are
-- kept, after the dated ones; the caller lists them apart. `via` is NULL here
-- (see timeline_for_entities). /*scan*/
SELECT v.id, v.kind, v.label, v.date, v.place, v.participants, v.documents, NULL AS via
  FROM events v
 WHERE (:kind IS NULL OR v.kind = :kind)
   AND (v.date IS NULL OR :from IS NULL OR
        substr(v.date, 1, min(length(v.date), length(:from))) >= substr(:from, 1, min(length(v.date), length(:from))))
   AND (v.date IS NULL OR :to IS NULL OR
        substr(v.date, 1, min(length(v.date), length(:to))) <= substr(:to, 1, min(length(v.date), length(:to))))
 ORDER BY v.date IS NULL, v.date, v.id;
