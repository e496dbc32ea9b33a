-- claim_label: what to call claim :id.
SELECT speaker, content, date, quoted FROM claims WHERE id = :id;
