#!/usr/bin/env bash
# callhook's benchmark, in one run on one PostgreSQL: pgbench baselines, the webhook under `callhook load` (closed
# loop, then open loop at half the measured maximum), and the replay benchmark; prints one table of figures and their
# ratios to the pgbench baselines. See the README's "Performance" section.
#
#   mvn -B -q package -DskipTests && acceptance-tests/perf/run.sh
#   PERF_EVENTS=20000 PERF_SECONDS=15 acceptance-tests/perf/run.sh        # quick mode
#
# Settings (environment): PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), PGPASSWORD; PERF_SECONDS (60) per
# measured run, PERF_WARMUP (10), PERF_CLIENTS (16: pgbench clients and load connections), PERF_CAMPAIGNS (8),
# PERF_EVENTS (200000: replay benchmark size), SERVER_JAR and CLI_JAR (the jars built in this clone), REPLAY_CLI_JAR
# (the CLI whose import and replay are measured; default CLI_JAR), PERF_SERVER_JAVA_OPTS (e.g. a JFR recording).
# Needs java 17, psql/createdb, curl, jq and python3; installs pgbench when it is missing.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SERVER_JAR=${SERVER_JAR:-$ROOT/adapter-http/target/callhook-server.jar}
CLI_JAR=${CLI_JAR:-$ROOT/adapter-cli/target/callhook-cli.jar}
REPLAY_CLI_JAR=${REPLAY_CLI_JAR:-$CLI_JAR}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
SECONDS_RUN=${PERF_SECONDS:-60}
WARMUP=${PERF_WARMUP:-10}
CLIENTS=${PERF_CLIENTS:-16}
CAMPAIGNS=${PERF_CAMPAIGNS:-8}
EVENTS=${PERF_EVENTS:-200000}
KEY=key_perf_0123456789abcdef
# most deliveries a load run may need: 3,000 events/s for the whole run, 3 events a call
LOAD_CALLS=$(( (SECONDS_RUN + WARMUP) * 1000 ))

say() { echo "perf: $*" >&2; }
die() { say "$*"; exit 1; }

for jar in "$SERVER_JAR" "$CLI_JAR" "$REPLAY_CLI_JAR"; do
  [ -f "$jar" ] || die "$jar is missing: run 'mvn -B -q package -DskipTests' first"
done
for tool in java psql createdb curl jq python3; do
  command -v "$tool" >/dev/null || die "$tool is needed"
done
if ! command -v pgbench >/dev/null; then
  # Debian/Ubuntu: psql comes with postgresql-client; pgbench with the server package that postgresql-contrib pulls in
  say "installing pgbench"
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq postgresql-client postgresql-contrib >/dev/null
  command -v pgbench >/dev/null || die "pgbench is still missing after installing postgresql-client and postgresql-contrib"
fi

WORK=$(mktemp -d)
TAG=$(date +%s)_$$
DB_BENCH=callhook_perf_bench_$TAG
DB_SERVER=callhook_perf_server_$TAG
DB_REPLAY=callhook_perf_replay_$TAG
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  for db in "$DB_BENCH" "$DB_SERVER" "$DB_REPLAY"; do dropdb --if-exists "$db" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

jdbc() { echo "jdbc:postgresql://$PGHOST:$PGPORT/$1"; }
# run the CLI or the server's db command against database $1
with_db() {
  local db=$1; shift
  CALLHOOK_DATABASE_URL=$(jdbc "$db") CALLHOOK_DATABASE_USER=$PGUSER CALLHOOK_DATABASE_PASSWORD=${PGPASSWORD:-} "$@"
}
sql() { psql -X -q -t -A -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
json_field() { jq -r "$2" "$1"; }

# counters = SQL recount over what the calls did: per campaign, processed and each outcome counter against the
# attempts of its contacts; prints the campaigns that disagree (nothing when all agree)
recount() {
  sql "$1" "SELECT c.name FROM call_campaigns c
    LEFT JOIN (SELECT k.campaign_id, count(*) AS n,
                      count(*) FILTER (WHERE a.outcome = 'connected') AS connected,
                      count(*) FILTER (WHERE a.outcome = 'voicemail') AS voicemail,
                      count(*) FILTER (WHERE a.outcome = 'no_answer') AS no_answer,
                      count(*) FILTER (WHERE a.outcome = 'busy') AS busy
               FROM campaign_contact_attempts a JOIN campaign_contacts k ON k.id = a.contact_id
               WHERE a.outcome IS NOT NULL GROUP BY k.campaign_id) r ON r.campaign_id = c.id
    WHERE c.processed <> coalesce(r.n, 0) OR c.outcome_connected <> coalesce(r.connected, 0)
       OR c.outcome_voicemail <> coalesce(r.voicemail, 0) OR c.outcome_no_answer <> coalesce(r.no_answer, 0)
       OR c.outcome_busy <> coalesce(r.busy, 0)"
}

say "scratch databases $DB_BENCH, $DB_SERVER, $DB_REPLAY on $PGHOST:$PGPORT"
for db in "$DB_BENCH" "$DB_SERVER" "$DB_REPLAY"; do
  createdb "$db"
  with_db "$db" java -jar "$SERVER_JAR" db migrate >"$WORK/migrate-$db.log" 2>&1 \
    || { cat "$WORK/migrate-$db.log" >&2; die "db migrate failed on $db"; }
done

# --- pgbench baselines -------------------------------------------------------------------------------------------
tps() { sed -n -E 's/^tps = ([0-9.]+) \(without initial connection time\)$/\1/p' "$1"; }
say "pgbench (a) inbox insert, $CLIENTS clients, ${SECONDS_RUN}s"
pgbench -n -c "$CLIENTS" -j 2 -T "$SECONDS_RUN" -f "$HERE/inbox-insert.sql" "$DB_BENCH" >"$WORK/pgbench-a.txt" 2>&1 \
  || { cat "$WORK/pgbench-a.txt" >&2; die "pgbench (a) failed"; }
PGB_A=$(tps "$WORK/pgbench-a.txt")
# as many contacts as the load runs' set-up below, so that both count open contacts over campaigns of the same size
BENCH_CONTACTS=$(( LOAD_CALLS * 2 ))
psql -X -q -v ON_ERROR_STOP=1 -v contacts=$BENCH_CONTACTS -v campaigns="$CAMPAIGNS" -d "$DB_BENCH" \
  -f "$HERE/call-ended-setup.sql" >/dev/null
sql "$DB_BENCH" "VACUUM ANALYZE"
say "pgbench (b) the statements of one campaign-linked call_ended, $CLIENTS clients, ${SECONDS_RUN}s"
pgbench -n -c "$CLIENTS" -j 2 -T "$SECONDS_RUN" -D contacts=$BENCH_CONTACTS -D campaigns="$CAMPAIGNS" \
  -f "$HERE/call-ended.sql" "$DB_BENCH" >"$WORK/pgbench-b.txt" 2>&1 \
  || { cat "$WORK/pgbench-b.txt" >&2; die "pgbench (b) failed"; }
PGB_B=$(tps "$WORK/pgbench-b.txt")
say "pgbench: (a) $PGB_A tx/s, (b) $PGB_B tx/s"

# --- the webhook under load ---------------------------------------------------------------------------------------
PORT=$(free_port)
ADMIN_PORT=$(free_port)
URL=http://127.0.0.1:$PORT/webhooks/retell
say "server on port $PORT"
# started directly (not through a function) so that $! is the server's own process id
CALLHOOK_DATABASE_URL=$(jdbc "$DB_SERVER") CALLHOOK_DATABASE_USER=$PGUSER CALLHOOK_DATABASE_PASSWORD=${PGPASSWORD:-} \
  RETELL_API_KEY=$KEY CALLHOOK_API_TOKEN=perf_token CALLHOOK_PORT="$PORT" CALLHOOK_ADMIN_PORT="$ADMIN_PORT" \
  CALLHOOK_DATABASE_POOL_SIZE="$CLIENTS" CALLHOOK_LOG_LEVEL=WARN \
  java ${PERF_SERVER_JAVA_OPTS:-} -jar "$SERVER_JAR" server >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$ADMIN_PORT/healthcheck" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; die "the server did not start"; }
  sleep 0.5
done
curl -sf "http://127.0.0.1:$ADMIN_PORT/healthcheck" >/dev/null || { cat "$WORK/server.log" >&2; die "server unhealthy"; }

cli() { java -jar "$CLI_JAR" "$@"; }
SETUP=$WORK/load-setup.json
cli generate-events --calls $(( LOAD_CALLS * 2 )) --campaigns "$CAMPAIGNS" --setup "$SETUP" >/dev/null
with_db "$DB_SERVER" java -jar "$CLI_JAR" import "$SETUP" >/dev/null
sql "$DB_SERVER" "VACUUM ANALYZE"

say "load, closed loop, $CLIENTS connections, ${WARMUP}s warm-up + ${SECONDS_RUN}s"
RETELL_API_KEY=$KEY cli load --url "$URL" --setup "$SETUP" --calls "$LOAD_CALLS" --connections "$CLIENTS" \
  --warmup "$WARMUP" --duration "$SECONDS_RUN" --output json >"$WORK/closed.json" || true
CLOSED=$(json_field "$WORK/closed.json" .events_per_second)
RATE=$(python3 -c "print(max(1, round($CLOSED / 2)))")
say "load, open loop at $RATE/s (half of $CLOSED), ${WARMUP}s warm-up + ${SECONDS_RUN}s"
RETELL_API_KEY=$KEY cli load --url "$URL" --setup "$SETUP" --first-call "$LOAD_CALLS" --calls "$LOAD_CALLS" \
  --rate "$RATE" --warmup "$WARMUP" --duration "$SECONDS_RUN" --output json >"$WORK/open.json" || true
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
LOAD_MISMATCH=$(recount "$DB_SERVER")

# --- replay benchmark ---------------------------------------------------------------------------------------------
say "replay benchmark: $EVENTS events straight into PostgreSQL"
REPLAY_CALLS=$(( (EVENTS + 3) / 4 ))
cli generate-events --calls "$REPLAY_CALLS" --campaigns "$CAMPAIGNS" --setup "$WORK/replay-setup.json" \
  "$WORK/replay.ndjson" >/dev/null
with_db "$DB_REPLAY" java -jar "$REPLAY_CLI_JAR" import "$WORK/replay-setup.json" >/dev/null
sql "$DB_REPLAY" "VACUUM ANALYZE"
with_db "$DB_REPLAY" java -jar "$REPLAY_CLI_JAR" replay --quiet --output json "$WORK/replay.ndjson" >"$WORK/replay.json" || true
REPLAY=$(json_field "$WORK/replay.json" .eventsPerSecond)
REPLAY_MISMATCH=$(recount "$DB_REPLAY")

# --- the table ----------------------------------------------------------------------------------------------------
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
latency() { jq -r '.latency_ms | "p50 \(.p50) / p99 \(.p99) / p99.9 \(.p99_9) / max \(.max) ms"' "$1"; }
statuses() { jq -r '.status | to_entries | map("\(.key): \(.value)") | join(", ")' "$1"; }
check() { if [ -z "$1" ]; then echo "counters = SQL recount"; else echo "MISMATCH in: $(echo "$1" | tr '\n' ' ')"; fi; }
OPEN=$(json_field "$WORK/open.json" .events_per_second)
echo
echo "callhook benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, PostgreSQL $(sql "$DB_BENCH" 'SHOW server_version' | cut -d' ' -f1) at $PGHOST:$PGPORT, ${SECONDS_RUN}s runs, $CLIENTS clients/connections, $CAMPAIGNS campaigns"
printf '| %-58s | %12s | %8s | %8s |\n' "what" "per second" "÷ (a)" "÷ (b)"
printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..60})" "$(printf -- '-%.0s' {1..14})" "$(printf -- '-%.0s' {1..10})" "$(printf -- '-%.0s' {1..10})"
row() { printf '| %-58s | %12s | %8s | %8s |\n' "$1" "$2" "$(ratio "$2" "$PGB_A")" "$(ratio "$2" "$PGB_B")"; }
PGB_A=$(printf '%.0f' "$PGB_A"); PGB_B=$(printf '%.0f' "$PGB_B")
row "pgbench (a): inbox insert alone, tx/s" "$PGB_A"
row "pgbench (b): a linked call_ended's 12 statements, tx/s" "$PGB_B"
row "callhook load, closed loop, $CLIENTS connections, events/s" "$CLOSED"
row "callhook load, open loop at $RATE/s, events/s" "$OPEN"
row "callhook replay, $EVENTS events into PostgreSQL, events/s" "$REPLAY"
echo
echo "closed loop: $(latency "$WORK/closed.json"); answers $(statuses "$WORK/closed.json")"
echo "open loop:   $(latency "$WORK/open.json"); answers $(statuses "$WORK/open.json")"
echo "load runs:   $(check "$LOAD_MISMATCH")"
echo "replay:      $(jq -r '.total | to_entries | map("\(.key) \(.value)") | join(", ")' "$WORK/replay.json"); $(check "$REPLAY_MISMATCH")"
[ -z "$LOAD_MISMATCH" ] && [ -z "$REPLAY_MISMATCH" ]
