-- pgbench (a): the inbox insert alone, one statement in autocommit, as callhook's claim writes it (a ~1.7 KB body).
-- Every transaction inserts a new row: the key is random (and a clash takes the ON CONFLICT branch, as a duplicate).
\set k random(1, 9000000000000000)
INSERT INTO webhook_events (dedupe_key, event_type, call_id, body, received_at, status, detail, attempts)
VALUES ('pgbench:' || :client_id || ':' || :k, 'call_ended', 'call_pgb_' || :k,
        convert_to(repeat('{"event":"call_ended","call":{"call_id":"call_pgb","transcript":"Agent: Hi."}}', 22), 'UTF8'),
        now(), 'received', NULL, 1)
ON CONFLICT (dedupe_key) DO UPDATE SET attempts = webhook_events.attempts + 1, updated_at = now()
RETURNING (xmax = 0) AS inserted;
