-- The V5 trigger sent NOTIFY from every webhook's INSERT transaction. PostgreSQL serialises the commits of notifying
-- transactions on one database-wide lock, so under load every acknowledgement queued behind the others' commit and
-- WAL flush (seen as commits waiting on "Lock: object" in pg_stat_activity). The server now sends the hint itself,
-- from one connection per process, at most once per short interval while deliveries are accepted, outside them.
DROP TRIGGER webhook_events_notify ON webhook_events;
DROP FUNCTION webhook_events_notify();
