#!/usr/bin/env bash
# Password flood: what 16 connections sending HTTP Basic as fast as they can cost another
# user's token requests (issue 31, finding 5). Starts the built jar on a scratch embedded
# PostgreSQL in AUTH_MODE=required, measures one user's bearer-token requests alone, then
# again while another user floods with Basic, and prints p50/p95/p99 of both.
#
#   bench/password-flood.sh [--duration SECONDS] [--flooders N] [--no-build]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK="$ROOT/bench/.work/password-flood"
DURATION=20
FLOODERS=16
BUILD=true
PORT=18100
while [ $# -gt 0 ]; do
	case "$1" in
		--duration) DURATION=$2; shift 2 ;;
		--flooders) FLOODERS=$2; shift 2 ;;
		--no-build) BUILD=false; shift ;;
		-h|--help) sed -n '2,8p' "$0"; exit 0 ;;
		*) echo "unknown option: $1" >&2; exit 2 ;;
	esac
done
. "$ROOT/bench/find-java.sh"
command -v wrk >/dev/null || { echo "bench: wrk is needed (Debian: apt-get install wrk)" >&2; exit 1; }

if $BUILD; then (cd "$ROOT" && mvn -q -B -DskipTests package); fi
JAR=$(ls "$ROOT"/target/tasktracker-*.jar | head -n 1)
rm -rf "$WORK" && mkdir -p "$WORK"
PASSWORD="flood bench password"

PORT=$PORT TASKTRACKER_DATA_DIR="$WORK/data" AUTH_MODE=required RATE_LIMIT=0 \
	ADMIN_USERNAME=admin ADMIN_PASSWORD="$PASSWORD" "$JAVA" -jar "$JAR" >"$WORK/service.log" 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null; wait $SERVICE 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
	curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1 && break
	sleep 1
done
URL="http://127.0.0.1:$PORT"
for user in flooder reader; do
	curl -sf -u "admin:$PASSWORD" -H 'Content-Type: application/json' \
		-d "{\"username\": \"$user\", \"password\": \"$PASSWORD\"}" "$URL/users" >/dev/null
done
TOKEN=$(curl -sf -u "reader:$PASSWORD" -H 'Content-Type: application/json' \
	-d '{"name": "bench", "scopes": ["tasks:write"]}' "$URL/tokens" | sed -E 's/.*"token":"([^"]+)".*/\1/')
for i in $(seq 1 50); do
	curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
		-d "{\"title\": \"task $i\"}" "$URL/tasks" >/dev/null
done

cat >"$WORK/percentiles.lua" <<'LUA'
done = function(summary, latency, requests)
	io.write(string.format("requests=%d errors=%d p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f\n",
		summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read
			+ summary.errors.write + summary.errors.timeout,
		latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
LUA
reader() { wrk -t1 -c2 -d"${DURATION}s" -H "Authorization: Bearer $TOKEN" -s "$WORK/percentiles.lua" \
	"$URL/tasks?limit=10" | tail -n 1; }

reader >/dev/null # warm-up
ALONE=$(reader)
BASIC=$(printf 'flooder:%s' "$PASSWORD" | base64 -w0)
wrk -t2 -c"$FLOODERS" -d"$((DURATION + 4))s" -H "Authorization: Basic $BASIC" -s "$WORK/percentiles.lua" \
	"$URL/users/me" >"$WORK/flood.txt" &
FLOOD=$!
sleep 2
FLOODED=$(reader)
wait $FLOOD
printf 'token requests alone:            %s\n' "$ALONE"
printf 'token requests, %2d Basic flooders: %s\n' "$FLOODERS" "$FLOODED"
printf 'the flooders themselves:         %s\n' "$(tail -n 1 "$WORK/flood.txt")"
