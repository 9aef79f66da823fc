-- Data for pgbench (b): one organisation and agent, :campaigns processing campaigns, and :contacts pending contacts
-- shared out between them (contact n in campaign n % :campaigns), with ids pgbench can compute from n.
INSERT INTO organizations (id, name) VALUES ('00000000-0000-0000-0000-00000000b001', 'pgbench');
INSERT INTO agents (id, organization_id, retell_agent_id, name)
VALUES ('00000000-0000-0000-0000-00000000b002', '00000000-0000-0000-0000-00000000b001', 'agent_pgbench', 'pgbench');
INSERT INTO call_campaigns (id, organization_id, agent_id, name, status, retry_on, max_attempts, retry_delay_seconds,
                            created_at)
SELECT md5('campaign' || c)::uuid, '00000000-0000-0000-0000-00000000b001', '00000000-0000-0000-0000-00000000b002',
       'pgbench ' || c, 'processing', ARRAY['no_answer', 'busy'], 3, 3600, now()
FROM generate_series(0, :campaigns - 1) AS c;
INSERT INTO campaign_contacts (id, campaign_id, phone_number, name, status, created_at)
SELECT md5('contact' || n)::uuid, md5('campaign' || (n % :campaigns))::uuid, '+1212' || lpad(n::text, 7, '0'),
       'Contact ' || n, 'pending', now()
FROM generate_series(1, :contacts) AS n;
