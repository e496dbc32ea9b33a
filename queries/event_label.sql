-- event_label: what to call event :id.
SELECT kind, label, date, place FROM events WHERE id = :id;
