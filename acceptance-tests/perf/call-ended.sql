-- pgbench (b): the statements one campaign-linked call_ended costs in callhook's schema, in one transaction, in the
-- order IngestionService issues them (see WebhookRoundTripsTest, which pins their number): claim the inbox key, lock
-- the call, upsert it, lock contact and campaign, read the contact's attempts, record the attempt, update contact and
-- counters, count the campaign's open contacts, complete the inbox row, append the activity. Run with
-- -D contacts=N -D campaigns=M as loaded by call-ended-setup.sql. A contact drawn again gets its next attempt number
-- (callhook computes it from the attempts it just read; here the insert does, under the same contact lock).
\set k random(1, 9000000000000000)
\set n random(1, :contacts)
BEGIN;
INSERT INTO webhook_events (dedupe_key, event_type, call_id, body, received_at, status, detail, attempts)
VALUES ('pgbench:' || :client_id || ':' || :k, 'call_ended', 'call_pgb_' || :k,
        convert_to(repeat('{"event":"call_ended","call":{"call_id":"call_pgb","transcript":"Agent: Hi."}}', 22), 'UTF8'),
        now(), 'received', NULL, 1)
ON CONFLICT (dedupe_key) DO UPDATE SET attempts = webhook_events.attempts + 1, updated_at = now()
RETURNING (xmax = 0) AS inserted;
SELECT * FROM lock_call('call_pgb_' || :k);
INSERT INTO calls (call_id, organization_id, agent_id, campaign_id, contact_id, state, state_rank, outcome,
                   outcome_seen_at, created_at, updated_at, retell_agent_id, agent_version, call_type, direction,
                   from_number, to_number, metadata, started_at, ended_at, duration_ms, disconnection_reason,
                   cost_cents, transcript, transcript_object, recording_url, public_log_url, has_analysis,
                   field_ranks)
VALUES ('call_pgb_' || :k, '00000000-0000-0000-0000-00000000b001', '00000000-0000-0000-0000-00000000b002',
        md5('campaign' || (:n % :campaigns))::uuid, md5('contact' || :n)::uuid, 'ended', 3, 'connected', now(), now(),
        now(), 'agent_pgbench', 3, 'phone_call', 'outbound', '+15555550100', '+1212' || lpad(:n::text, 7, '0'),
        '{"source":"pgbench"}'::jsonb, now() - interval '3 minutes', now(), 180000, 'agent_hangup', 21.06,
        repeat('Agent: Hi, is this the contact? User: Yes, speaking. ', 6),
        '[{"role":"agent","content":"Hi"},{"role":"user","content":"Yes"}]'::jsonb,
        'https://example.invalid/recording.wav', 'https://example.invalid/public.log', false,
        '{"state":3,"ended_at":3}'::jsonb)
ON CONFLICT (call_id) DO UPDATE SET state = EXCLUDED.state, state_rank = EXCLUDED.state_rank,
    outcome = EXCLUDED.outcome, ended_at = EXCLUDED.ended_at, duration_ms = EXCLUDED.duration_ms,
    transcript = EXCLUDED.transcript, field_ranks = EXCLUDED.field_ranks, updated_at = EXCLUDED.updated_at;
SELECT * FROM campaign_contacts WHERE id = md5('contact' || :n)::uuid FOR NO KEY UPDATE;
SELECT * FROM call_campaigns WHERE id = md5('campaign' || (:n % :campaigns))::uuid FOR NO KEY UPDATE;
SELECT * FROM campaign_contact_attempts WHERE contact_id = md5('contact' || :n)::uuid ORDER BY attempt_number;
INSERT INTO campaign_contact_attempts (contact_id, attempt_number, call_id, outcome, finished_at)
SELECT md5('contact' || :n)::uuid, coalesce(max(attempt_number), 0) + 1, 'call_pgb_' || :k, 'connected', now()
FROM campaign_contact_attempts WHERE contact_id = md5('contact' || :n)::uuid
ON CONFLICT (contact_id, call_id) DO UPDATE SET attempt_number = EXCLUDED.attempt_number,
    outcome = EXCLUDED.outcome, finished_at = EXCLUDED.finished_at;
UPDATE campaign_contacts SET status = 'completed', attempts = attempts + 1, last_outcome = 'connected',
    updated_at = now()
WHERE id = md5('contact' || :n)::uuid;
UPDATE call_campaigns SET processed = processed + 1, successful = successful + 1,
    outcome_connected = outcome_connected + 1
WHERE id = md5('campaign' || (:n % :campaigns))::uuid;
SELECT count(*) FROM campaign_contacts
WHERE campaign_id = md5('campaign' || (:n % :campaigns))::uuid
  AND status = ANY(CAST('{pending,calling,retry_scheduled}' AS text[]));
UPDATE webhook_events SET status = 'applied', detail = NULL, updated_at = now()
WHERE dedupe_key = 'pgbench:' || :client_id || ':' || :k;
INSERT INTO activity_logs (id, organization_id, entity_type, entity_id, action, event_name, call_id, before_value,
                           after_value, occurred_at)
VALUES (gen_random_uuid(), '00000000-0000-0000-0000-00000000b001', 'call', 'call_pgb_' || :k, 'state_changed',
        'call_ended', 'call_pgb_' || :k, 'ongoing', 'ended', now()),
       (gen_random_uuid(), '00000000-0000-0000-0000-00000000b001', 'contact', md5('contact' || :n), 'status_changed',
        'call_ended', 'call_pgb_' || :k, 'calling', 'completed', now()),
       (gen_random_uuid(), '00000000-0000-0000-0000-00000000b001', 'campaign', md5('campaign' || (:n % :campaigns)),
        'progress_changed', 'call_ended', 'call_pgb_' || :k, NULL, NULL, now());
COMMIT;
