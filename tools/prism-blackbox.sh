#!/usr/bin/env bash
# Runs one request of every documented operation, and the failures each can answer,
# through Stoplight Prism's validating proxy in front of a running TaskTracker, then
# counts the responses Prism found at odds with the service's own OpenAPI document.
# Request violations are expected: many of the requests are wrong on purpose.
#
#   tools/prism-blackbox.sh [SERVICE_URL]     (default http://127.0.0.1:8000)
#
# Needs prism (npm install -g @stoplight/prism-cli), curl and python3.
set -euo pipefail
SERVICE=${1:-http://127.0.0.1:8000}
PORT=4010
B=http://127.0.0.1:$PORT
LOG=$(mktemp)
curl -sf "$SERVICE/openapi.json" > "$LOG.json"
prism proxy "$LOG.json" "$SERVICE" --port $PORT --host 127.0.0.1 --errors=false > "$LOG" 2>&1 &
PRISM=$!
trap 'kill $PRISM 2>/dev/null || true' EXIT
until curl -s -o /dev/null "$B/health/live"; do sleep 0.2; done

J='Content-Type: application/json'
c() { curl -s -o /dev/null -w "%{http_code} $*\n" "$@"; }
id=$(curl -s -X POST "$B/tasks" -H "$J" -d '{"title": "Write the report", "description": null}' \
	| python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
key="prism-$RANDOM$RANDOM"
c -X POST "$B/tasks" -H "$J" -d '{"title": "with description", "description": "Q3"}'
c -X POST "$B/tasks" -H "$J" -H "Idempotency-Key: $key" -d '{"title": "once"}'
c -X POST "$B/tasks" -H "$J" -H "Idempotency-Key: $key" -d '{"title": "once"}'
c -X POST "$B/tasks" -H "$J" -H "Idempotency-Key: $key" -d '{"title": "another"}'
c "$B/tasks"
c "$B/tasks?completed=false&q=report&limit=1&order=desc"
c "$B/tasks?limit=1"
c "$B/tasks/$id"
c -X POST "$B/tasks/$id/complete"
c -X POST "$B/tasks/$id/reopen"
c -X PATCH "$B/tasks/$id" -H 'Content-Type: application/merge-patch+json' \
	-d '{"title": "new", "description": null, "completed": true}'
c -X PATCH "$B/tasks/$id" -H "$J" -d '{}'
c -X DELETE "$B/tasks/$id"
c "$B/tasks/$id"
c -X DELETE "$B/tasks/$id"
c -X POST "$B/tasks/$id/complete"
c -X POST "$B/tasks/$id/reopen"
c -X PATCH "$B/tasks/$id" -H "$J" -d '{"title": "x"}'
c -X POST "$B/tasks" -H "$J" -d '{"title": ""}'
c -X POST "$B/tasks" -H "$J" -d '{"title": 123, "completed": "true", "id": 4}'
c -X POST "$B/tasks" -H "$J" -d '{"title": '
c -X POST "$B/tasks" -H "$J" -d '[1]'
c -X POST "$B/tasks" -H 'Content-Type: text/plain' -d 'x'
python3 -c 'print("{\"title\": \"x\", \"description\": \"" + "a" * 1100000 + "\"}")' > "$LOG.big"
c -X POST "$B/tasks" -H "$J" --data-binary "@$LOG.big"
c -X PATCH "$B/tasks/1" -H "$J" -d '{"completed": "yes"}'
c "$B/tasks?limit=0"
c "$B/tasks?completed=maybe&order=up"
c "$B/tasks/abc"
c "$B/tasks/0"

# Part A: users and tokens, as the local user and as two users with their own tokens.
u1="prism-a-$RANDOM$RANDOM"; u2="prism-b-$RANDOM$RANDOM"; pw="prism password 1234"
c -X POST "$B/users" -H "$J" -d "{\"username\": \"$u1\", \"password\": \"$pw\", \"timezone\": \"Europe/London\"}"
c -X POST "$B/users" -H "$J" -d "{\"username\": \"$u2\", \"password\": \"$pw\"}"
c -X POST "$B/users" -H "$J" -d "{\"username\": \"$u1\", \"password\": \"$pw\"}"
c -X POST "$B/users" -H "$J" -d '{"username": "x", "password": "short", "timezone": "Mars/Base"}'
c "$B/users"
c "$B/users/me"
token() { curl -s -X POST "$B/tokens" -u "$1:$pw" -H "$J" -d "{\"name\": \"prism\", \"scopes\": [$2]}" \
	| python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'; }
t1=$(token "$u1" '"tasks:write"'); t2=$(token "$u2" '"tasks:write"'); r1=$(token "$u1" '"tasks:read"')
A1="Authorization: Bearer $t1"; A2="Authorization: Bearer $t2"
c -X POST "$B/tokens" -u "$u1:wrong password here" -H "$J" -d '{"name": "x", "scopes": ["tasks:read"]}'
c -X POST "$B/tokens" -H "$A1" -H "$J" -d '{"name": "x", "scopes": ["tasks:read"]}'
c -X POST "$B/tokens" -u "$u1:$pw" -H "$J" -d '{"name": "x", "scopes": ["tasks:delete"], "expires_in_days": 366}'
c "$B/tokens" -H "$A1"
c "$B/users/me" -H "$A1"
c -X PATCH "$B/users/me" -H "$A1" -H 'Content-Type: application/merge-patch+json' -d '{"display_name": "Prism"}'
c -X PATCH "$B/users/me" -H "$A1" -H "$J" -d '{"password": "new password 12345"}'
c "$B/users" -H "$A1"
own=$(curl -s -X POST "$B/tasks" -H "$A1" -H "$J" -d '{"title": "mine"}' \
	| python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
c "$B/tasks/$own" -H "$A2"
c -X PATCH "$B/tasks/$own" -H "$A2" -H "$J" -d '{"title": "theirs"}'
c -X POST "$B/tasks/$own/complete" -H "$A2"
c -X DELETE "$B/tasks/$own" -H "$A2"
c "$B/tasks?q=mine" -H "$A2"
c -X POST "$B/tasks" -H "Authorization: Bearer $r1" -H "$J" -d '{"title": "read only"}'
c "$B/tasks" -H "Authorization: Bearer tt_unknownunknownunknownunknownunknown"
c "$B/tasks" -H "Authorization: Bearer"
c "$B/tasks" -H "X-Forwarded-For: 203.0.113.9"
tid=$(curl -s "$B/tokens" -H "$A1" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
c -X DELETE "$B/tokens/$tid" -H "$A2"
c -X DELETE "$B/tokens/$tid" -H "$A1"
c "$B/tasks" -H "$A1"
uid=$(curl -s "$B/users" | python3 -c "import json,sys; print([u['id'] for u in json.load(sys.stdin) if u['username'] == '$u2'][0])")
c -X DELETE "$B/users/1"
c -X DELETE "$B/users/$uid"
c "$B/tasks" -H "$A2"

# Part B: projects, labels, the task fields, the v2 filters and sorts.
pid=$(curl -s -X POST "$B/projects" -H "$J" -d "{\"name\": \"prism $RANDOM\"}" \
	| python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
c -X POST "$B/tasks" -H "$J" -d "{\"title\": \"organised\", \"project_id\": $pid, \"labels\": [\"Prism\", \"b\"], \"priority\": 3, \"due\": {\"date\": \"2026-12-01\"}}"
c -X POST "$B/tasks" -H "$J" -d '{"title": "at", "due": {"datetime": "2026-12-01T09:00:00+02:00"}, "labels": ["prism"]}'
c -X POST "$B/tasks" -H "$J" -d '{"title": "bad", "priority": 5, "labels": ["a,b"], "due": {"date": "2026-02-30"}}'
c -X POST "$B/tasks" -H "$J" -d '{"title": "bad", "project_id": 999999999}'
c "$B/projects"
c "$B/projects?archived=false"
c "$B/projects/$pid"
c -X PATCH "$B/projects/$pid" -H "$J" -d '{"archived": true}'
c -X POST "$B/projects" -H "$J" -d '{"name": ""}'
c "$B/labels"
c -X PATCH "$B/labels/prism" -H "$J" -d '{"name": "Prisms"}'
c "$B/tasks?project_id=$pid&label=prisms&priority=3,4&due_from=2026-11-30&due_to=2026-12-02"
c "$B/tasks?due=today"
c "$B/tasks?due=overdue&project_id=inbox"
c "$B/tasks?sort=due&limit=1"
next=$(curl -s -D - -o /dev/null "$B/tasks?sort=priority&order=desc&limit=1" | tr -d '\r' | sed -n 's/^[Ll]ink: <\([^>]*\)>.*/\1/p')
c "$B$next"
c "$B/tasks?sort=due&cursor=forged"
c "$B/tasks?sort=title"
c -X DELETE "$B/projects/$pid"
c -X DELETE "$B/projects/$pid?with_tasks=true"
c -X DELETE "$B/labels/prisms"
c -X DELETE "$B/labels/prisms"
c "$B/health"
c "$B/health/ready"
c "$B/health/live"

sleep 1
echo "requests: $(grep -c 'Request received' "$LOG" || true)"
echo "request violations (expected): $(grep -c 'Violation: request' "$LOG" || true)"
violations=$(grep -c 'Violation: response' "$LOG" || true)
echo "response violations: $violations"
grep 'Violation: response' "$LOG" || true
rm -f "$LOG" "$LOG.json" "$LOG.big"
[ "$violations" = 0 ]
