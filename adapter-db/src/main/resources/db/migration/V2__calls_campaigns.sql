-- Calls, campaigns with their contacts and attempts, notifications, the audit trail and the webhook inbox.
--
-- Conventions: enum-valued columns hold the Java enum's name in lower case and are CHECKed against the full list, so a
-- value the code does not know cannot be stored; raw JSON is jsonb; money is numeric without a fixed scale (Retell's
-- cents are kept exactly as written); every timestamp is timestamptz. `seq` identity columns give a stable creation
-- order where several rows share the same created_at (all rows of one batch, fixtures at a fixed clock).
-- Tables are unqualified so that Flyway's schema decides where they go (see V1).

CREATE TABLE call_campaigns (
    id                    uuid        PRIMARY KEY,
    seq                   bigint      GENERATED ALWAYS AS IDENTITY,
    organization_id       uuid        NOT NULL REFERENCES organizations (id),
    agent_id              uuid        NOT NULL REFERENCES agents (id),
    name                  text        NOT NULL,
    status                text        NOT NULL CONSTRAINT call_campaigns_status_check
                                      CHECK (status IN ('draft', 'processing', 'paused', 'completed', 'cancelled')),

    -- RetryPolicy
    retry_on              text[]      NOT NULL CONSTRAINT call_campaigns_retry_on_check
                                      CHECK (retry_on <@ ARRAY['connected', 'voicemail', 'no_answer', 'busy', 'declined',
                                             'invalid_number', 'failed', 'spam_flagged', 'platform_error', 'other']
                                             AND array_position(retry_on, NULL) IS NULL),
    max_attempts          integer     NOT NULL CONSTRAINT call_campaigns_max_attempts_check CHECK (max_attempts > 0),
    -- exact java.time.Duration: whole seconds plus up to nine fractional digits
    retry_delay_seconds   numeric(28, 9) NOT NULL CONSTRAINT call_campaigns_retry_delay_check
                                      CHECK (retry_delay_seconds >= 0),

    -- CallingWindow, absent (all NULL) or complete
    window_days           text[]      CONSTRAINT call_campaigns_window_days_check
                                      CHECK (cardinality(window_days) > 0
                                             AND window_days <@ ARRAY['monday', 'tuesday', 'wednesday', 'thursday',
                                                 'friday', 'saturday', 'sunday']
                                             AND array_position(window_days, NULL) IS NULL),
    window_start          time,
    window_end            time,
    window_zone           text        CONSTRAINT call_campaigns_window_zone_check CHECK (window_zone <> ''),
    CONSTRAINT call_campaigns_window_all_or_none CHECK (
        (window_days IS NULL AND window_start IS NULL AND window_end IS NULL AND window_zone IS NULL)
        OR (window_days IS NOT NULL AND window_start IS NOT NULL AND window_end IS NOT NULL AND window_zone IS NOT NULL)),
    CONSTRAINT call_campaigns_window_order CHECK (window_end > window_start),

    -- CampaignProgress: sums of per-call contributions, so never negative
    processed             bigint      NOT NULL DEFAULT 0 CHECK (processed >= 0),
    successful            bigint      NOT NULL DEFAULT 0 CHECK (successful >= 0),
    outcome_connected     bigint      NOT NULL DEFAULT 0 CHECK (outcome_connected >= 0),
    outcome_voicemail     bigint      NOT NULL DEFAULT 0 CHECK (outcome_voicemail >= 0),
    outcome_no_answer     bigint      NOT NULL DEFAULT 0 CHECK (outcome_no_answer >= 0),
    outcome_busy          bigint      NOT NULL DEFAULT 0 CHECK (outcome_busy >= 0),
    outcome_declined      bigint      NOT NULL DEFAULT 0 CHECK (outcome_declined >= 0),
    outcome_invalid_number bigint     NOT NULL DEFAULT 0 CHECK (outcome_invalid_number >= 0),
    outcome_failed        bigint      NOT NULL DEFAULT 0 CHECK (outcome_failed >= 0),
    outcome_spam_flagged  bigint      NOT NULL DEFAULT 0 CHECK (outcome_spam_flagged >= 0),
    outcome_platform_error bigint     NOT NULL DEFAULT 0 CHECK (outcome_platform_error >= 0),
    outcome_other         bigint      NOT NULL DEFAULT 0 CHECK (outcome_other >= 0),

    created_at            timestamptz NOT NULL,
    completed_at          timestamptz,
    CONSTRAINT call_campaigns_completed_at_only_when_final
        CHECK (completed_at IS NULL OR status IN ('completed', 'cancelled'))
);

-- findByAgentAndStatus (oldest first) and findByOrganization (newest first)
CREATE INDEX call_campaigns_agent_status_idx ON call_campaigns (agent_id, status, created_at, seq);
CREATE INDEX call_campaigns_organization_idx ON call_campaigns (organization_id, created_at DESC, seq DESC);

CREATE TABLE campaign_contacts (
    id                    uuid        PRIMARY KEY,
    seq                   bigint      GENERATED ALWAYS AS IDENTITY,
    campaign_id           uuid        NOT NULL REFERENCES call_campaigns (id),
    phone_number          text        NOT NULL CONSTRAINT campaign_contacts_phone_number_format
                                      CHECK (phone_number ~ '^\+[1-9][0-9]{6,14}$'),
    name                  text,
    variables             jsonb       NOT NULL DEFAULT '{}' CONSTRAINT campaign_contacts_variables_object
                                      CHECK (jsonb_typeof(variables) = 'object'),
    status                text        NOT NULL CONSTRAINT campaign_contacts_status_check
                                      CHECK (status IN ('pending', 'calling', 'completed', 'retry_scheduled', 'failed',
                                                        'do_not_call')),
    attempts              integer     NOT NULL DEFAULT 0 CONSTRAINT campaign_contacts_attempts_check
                                      CHECK (attempts >= 0),
    last_outcome          text        CONSTRAINT campaign_contacts_last_outcome_check
                                      CHECK (last_outcome IN ('connected', 'voicemail', 'no_answer', 'busy', 'declined',
                                             'invalid_number', 'failed', 'spam_flagged', 'platform_error', 'other')),
    next_attempt_at       timestamptz,
    failure_reason        text,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL DEFAULT now(),
    -- a number is in a campaign at most once; the index also serves findByNumber and the foreign key
    CONSTRAINT campaign_contacts_campaign_phone_key UNIQUE (campaign_id, phone_number)
);

-- countOpen and listings by status; creation-order listing
CREATE INDEX campaign_contacts_campaign_status_idx ON campaign_contacts (campaign_id, status);
CREATE INDEX campaign_contacts_campaign_seq_idx ON campaign_contacts (campaign_id, seq);

CREATE TABLE campaign_contact_attempts (
    contact_id            uuid        NOT NULL REFERENCES campaign_contacts (id),
    attempt_number        integer     NOT NULL CONSTRAINT campaign_contact_attempts_number_check
                                      CHECK (attempt_number >= 1),
    -- the Retell call id; no foreign key: an attempt may be numbered before its call row is written
    call_id               text        NOT NULL,
    outcome               text        CONSTRAINT campaign_contact_attempts_outcome_check
                                      CHECK (outcome IN ('connected', 'voicemail', 'no_answer', 'busy', 'declined',
                                             'invalid_number', 'failed', 'spam_flagged', 'platform_error', 'other')),
    finished_at           timestamptz,
    CONSTRAINT campaign_contact_attempts_pkey PRIMARY KEY (contact_id, attempt_number),
    CONSTRAINT campaign_contact_attempts_contact_call_key UNIQUE (contact_id, call_id)
);

CREATE TABLE calls (
    call_id               text        PRIMARY KEY CONSTRAINT calls_call_id_not_blank CHECK (call_id ~ '\S'),
    seq                   bigint      GENERATED ALWAYS AS IDENTITY,

    -- CallLinks, fixed when the call is created
    organization_id       uuid        REFERENCES organizations (id),
    agent_id              uuid        REFERENCES agents (id),
    campaign_id           uuid        REFERENCES call_campaigns (id),
    contact_id            uuid        REFERENCES campaign_contacts (id),

    state                 text        NOT NULL CONSTRAINT calls_state_check
                                      CHECK (state IN ('registered', 'ongoing', 'ended', 'not_connected', 'error')),
    state_rank            integer     NOT NULL,
    -- derived from the details (Call.outcome()), stored on every save for queries
    outcome               text        CONSTRAINT calls_outcome_check
                                      CHECK (outcome IN ('connected', 'voicemail', 'no_answer', 'busy', 'declined',
                                             'invalid_number', 'failed', 'spam_flagged', 'platform_error', 'other')),
    outcome_seen_at       timestamptz,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL DEFAULT now(),

    -- CallDetails
    retell_agent_id       text,
    agent_version         integer,
    call_type             text        CONSTRAINT calls_call_type_check
                                      CHECK (call_type IN ('phone_call', 'web_call', 'other')),
    direction             text        CONSTRAINT calls_direction_check
                                      CHECK (direction IN ('inbound', 'outbound', 'other')),
    from_number           text,
    to_number             text,
    metadata              jsonb,
    started_at            timestamptz,
    ended_at              timestamptz,
    duration_ms           bigint,
    disconnection_reason  text,
    cost_cents            numeric,
    transcript            text,
    transcript_object     jsonb,
    recording_url         text,
    public_log_url        text,
    -- CallAnalysis: has_analysis tells an analysis with every field absent from no analysis at all
    has_analysis          boolean     NOT NULL DEFAULT false,
    analysis_summary      text,
    in_voicemail          boolean,
    user_sentiment        text        CONSTRAINT calls_user_sentiment_check
                                      CHECK (user_sentiment IN ('positive', 'negative', 'neutral', 'unknown', 'other')),
    call_successful       boolean,
    custom_analysis_data  jsonb,
    CONSTRAINT calls_analysis_fields_need_analysis CHECK (has_analysis OR (analysis_summary IS NULL
        AND in_voicemail IS NULL AND user_sentiment IS NULL AND call_successful IS NULL
        AND custom_analysis_data IS NULL)),
    transfer_destination  text,
    transfer_ended_at     timestamptz,
    -- CallDetails.ranks: the event rank that supplied each field, by field name
    field_ranks           jsonb       NOT NULL DEFAULT '{}' CONSTRAINT calls_field_ranks_object
                                      CHECK (jsonb_typeof(field_ranks) = 'object')
);

CREATE INDEX calls_campaign_idx ON calls (campaign_id, seq) WHERE campaign_id IS NOT NULL;
CREATE INDEX calls_contact_idx ON calls (contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX calls_organization_idx ON calls (organization_id, created_at DESC) WHERE organization_id IS NOT NULL;

CREATE TABLE notifications (
    id                    uuid        PRIMARY KEY,
    seq                   bigint      GENERATED ALWAYS AS IDENTITY,
    organization_id       uuid        NOT NULL REFERENCES organizations (id),
    user_id               uuid        NOT NULL REFERENCES user_profiles (id),
    -- the Retell call id; no foreign key: the inbound webhook may announce a call before any of its events
    call_id               text        NOT NULL,
    from_number           text,
    to_number             text,
    created_at            timestamptz NOT NULL,
    read_at               timestamptz,
    -- one notification per user and call; the index also serves the user_id foreign key
    CONSTRAINT notifications_user_call_key UNIQUE (user_id, call_id)
);

-- findForOrganization: unread first, then newest first
CREATE INDEX notifications_organization_idx
    ON notifications (organization_id, (read_at IS NOT NULL), created_at DESC, seq DESC);

CREATE TABLE activity_logs (
    id                    uuid        PRIMARY KEY,
    seq                   bigint      GENERATED ALWAYS AS IDENTITY,
    -- NULL when the event could not be attributed to an organisation
    organization_id       uuid        REFERENCES organizations (id),
    entity_type           text        NOT NULL CONSTRAINT activity_logs_entity_type_not_blank CHECK (entity_type <> ''),
    entity_id             text        NOT NULL,
    action                text        NOT NULL CONSTRAINT activity_logs_action_not_blank CHECK (action <> ''),
    event_name            text        NOT NULL,
    call_id               text,
    before_value          text,
    after_value           text,
    occurred_at           timestamptz NOT NULL
);

-- find(organization, since): oldest first, per organisation or across all
CREATE INDEX activity_logs_organization_time_idx ON activity_logs (organization_id, occurred_at, seq);
CREATE INDEX activity_logs_time_idx ON activity_logs (occurred_at, seq);

-- The inbox: every delivery's raw bytes, its dedupe key and what became of it.
CREATE TABLE webhook_events (
    id                    bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dedupe_key            text        NOT NULL CONSTRAINT webhook_events_dedupe_key_key UNIQUE,
    event_type            text        NOT NULL,
    call_id               text,
    body                  bytea       NOT NULL,
    received_at           timestamptz NOT NULL,
    status                text        NOT NULL CONSTRAINT webhook_events_status_check
                                      CHECK (status IN ('received', 'applied', 'ignored', 'rejected', 'failed')),
    detail                text,
    attempts              integer     NOT NULL DEFAULT 1 CONSTRAINT webhook_events_attempts_check
                                      CHECK (attempts >= 1),
    updated_at            timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX webhook_events_status_idx ON webhook_events (status, received_at, id);
CREATE INDEX webhook_events_call_id_idx ON webhook_events (call_id) WHERE call_id IS NOT NULL;

-- Locks a call id until the end of the transaction, also when no call with it exists yet, and returns the call if it
-- does. Two statements on purpose: under READ COMMITTED every statement of a VOLATILE function takes a fresh snapshot,
-- so the SELECT sees what a transaction that held the lock before us committed. A single statement that locks and
-- reads (SELECT ... FROM (SELECT pg_advisory_xact_lock(...)) l LEFT JOIN calls ...) would read with the snapshot taken
-- before it waited for the lock and miss that call. (Under REPEATABLE READ the read would use the transaction's
-- snapshot; the following upsert would then fail with a serialization failure and the unit of work be retried.)
CREATE FUNCTION lock_call(p_call_id text) RETURNS SETOF calls
    LANGUAGE plpgsql VOLATILE STRICT AS
$$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended(p_call_id, 0));
    RETURN QUERY SELECT * FROM calls WHERE call_id = p_call_id;
END
$$;
