-- graph_claim_labels: content and date of every claim. /*scan*/
SELECT id, content, date FROM claim;
