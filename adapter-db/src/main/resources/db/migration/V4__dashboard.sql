-- The live dashboard (issue 15): what its lists and its event stream read, kept off the webhook's hot path.

-- GET /api/calls: the latest calls first
CREATE INDEX calls_latest_idx ON calls (created_at DESC, seq DESC);

-- Server processes with open live streams announce themselves here (and renew the row while streams are open).
CREATE TABLE activity_listeners (
    process_id uuid        PRIMARY KEY,
    expires_at timestamptz NOT NULL
);

-- A wake-up hint for every server process streaming the activity log (GET /api/stream): one notification per
-- inserting statement, with no payload (NOTIFY collapses identical notifications of a transaction; listeners read the
-- rows themselves, so a lost hint only delays an event until the next poll). Only while some process has a stream
-- open: a transaction that notifies takes a database-wide lock while it commits, which the webhook's transactions
-- should not pay when no dashboard is watching.
CREATE FUNCTION notify_activity() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF EXISTS (SELECT 1 FROM activity_listeners WHERE expires_at > now()) THEN
        PERFORM pg_notify('callhook_activity', '');
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER activity_logs_notify
    AFTER INSERT ON activity_logs
    FOR EACH STATEMENT EXECUTE FUNCTION notify_activity();

-- Single-use tickets for EventSource, which cannot send an Authorization header. Only a SHA-256 digest is stored, so
-- the table gives nothing away; any server process can redeem a ticket another one issued.
CREATE TABLE stream_tickets (
    ticket_sha256 bytea       PRIMARY KEY,
    expires_at    timestamptz NOT NULL
);

CREATE INDEX stream_tickets_expires_idx ON stream_tickets (expires_at);

-- Refused webhook signatures per minute and reason, summed over every server process. Nothing is written while a
-- request is answered: each process counts in memory and adds its counts here every few seconds.
CREATE TABLE webhook_signature_failures (
    minute timestamptz NOT NULL,
    reason text        NOT NULL CONSTRAINT webhook_signature_failures_reason_check
                       CHECK (reason IN ('missing', 'malformed', 'outside_window', 'mismatch')),
    count  bigint      NOT NULL CONSTRAINT webhook_signature_failures_count_check CHECK (count >= 0),
    CONSTRAINT webhook_signature_failures_pkey PRIMARY KEY (minute, reason)
);
