-- The directory: who owns agents and phone numbers. Tables are unqualified so that Flyway's schema (public in
-- production, t_<random> in tests) decides where they go.

CREATE TABLE organizations (
    id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    name       text        NOT NULL CONSTRAINT organizations_name_not_blank CHECK (length(trim(name)) > 0),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_profiles (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    email           text        NOT NULL,
    display_name    text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    -- its index (organization_id, email) also serves the foreign key
    CONSTRAINT user_profiles_organization_email_key UNIQUE (organization_id, email)
);

CREATE TABLE agents (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    retell_agent_id text        NOT NULL CONSTRAINT agents_retell_agent_id_key UNIQUE,
    name            text,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX agents_organization_id_idx ON agents (organization_id);

CREATE TABLE phone_numbers (
    id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id  uuid        NOT NULL REFERENCES organizations (id),
    e164             text        NOT NULL CONSTRAINT phone_numbers_e164_key UNIQUE
                                 CONSTRAINT phone_numbers_e164_format CHECK (e164 ~ '^\+[1-9][0-9]{6,14}$'),
    inbound_agent_id uuid        REFERENCES agents (id),
    created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX phone_numbers_organization_id_idx ON phone_numbers (organization_id);
CREATE INDEX phone_numbers_inbound_agent_id_idx ON phone_numbers (inbound_agent_id);
