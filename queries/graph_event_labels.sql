-- graph_event_labels: label and date of every event. /*scan*/
SELECT id, label, date FROM event;
