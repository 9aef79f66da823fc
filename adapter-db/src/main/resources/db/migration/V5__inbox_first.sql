-- Inbox-first ingestion: a webhook is acknowledged after one INSERT into webhook_events and applied behind the
-- acknowledgement by appliers that claim batches of due rows (FOR UPDATE SKIP LOCKED) in any number of processes.

ALTER TABLE webhook_events DROP CONSTRAINT webhook_events_status_check;
ALTER TABLE webhook_events ADD CONSTRAINT webhook_events_status_check
    CHECK (status IN ('received', 'pending', 'applied', 'ignored', 'rejected', 'failed', 'dead'));

ALTER TABLE webhook_events
    -- the applier batch working on the row; a claim older than the reclaim bound is taken over (its process died), and
    -- a batch only records outcomes for rows still claimed with its own token, so a late batch cannot undo a newer one
    ADD COLUMN claim_token      uuid,
    ADD COLUMN claimed_at       timestamptz,
    -- when a pending or failed row is due: its acceptance, then the back-off after each failed attempt
    ADD COLUMN next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN apply_attempts   integer     NOT NULL DEFAULT 0 CONSTRAINT webhook_events_apply_attempts_check
                                            CHECK (apply_attempts >= 0),
    ADD COLUMN applied_at       timestamptz,
    -- for call_inbound: the routing answer given at acceptance (InboundDecision as JSON), which the appliers follow;
    -- text, not jsonb: jsonb refuses the escaped NUL a value copied from the event may hold
    ADD COLUMN inbound_decision text;

-- The work set only: rows waiting to be applied. A status flip takes a row out of this index, so the dead tuples left
-- by millions of applied rows never slow a claim, which reads this small index and nothing else.
CREATE INDEX webhook_events_due_idx ON webhook_events (next_attempt_at, id) WHERE status IN ('pending', 'failed');
-- dead rows are few and wait for an operator
CREATE INDEX webhook_events_dead_idx ON webhook_events (received_at, id) WHERE status = 'dead';

-- A wake-up hint for the appliers of every process (they also poll, so a lost notification only delays). Once per
-- INSERT statement, and PostgreSQL folds identical notifications of one transaction into one.
CREATE FUNCTION webhook_events_notify() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('callhook_inbox', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER webhook_events_notify AFTER INSERT ON webhook_events
    FOR EACH STATEMENT EXECUTE FUNCTION webhook_events_notify();
