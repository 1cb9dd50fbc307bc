#!/usr/bin/env bash
# Runs one request of every documented operation, and the failures each can answer,
# through Stoplight Prism's validating proxy in front of a running TaskTracker, then
# counts the responses Prism found at odds with the service's own OpenAPI document.
# Request violations are expected: many of the requests are wrong on purpose. Every
# request states the status it must get, and part B checks what the bodies say as two
# users in far-apart time zones; the script fails on any status, body or response
# violation that is off.
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
FAILED=0
# e STATUS curl-arguments...: the request, through Prism, must get that status.
e() {
	local want=$1 got
	shift
	got=$(curl -s -o /dev/null -w '%{http_code}' "$@")
	if [ "$got" = "$want" ]; then echo "$got $*"; else echo "OFF: got $got, want $want: $*"; FAILED=$((FAILED + 1)); fi
}
# check WHAT PYTHON-EXPRESSION curl-arguments...: the expression, over the JSON body as
# b and the Link header as link, must hold.
check() {
	local what=$1 expression=$2 out
	shift 2
	out=$(curl -s -D "$LOG.headers" "$@")
	if LINK=$(tr -d '\r' < "$LOG.headers" | sed -n 's/^[Ll]ink: <\([^>]*\)>.*/\1/p') BODY=$out python3 -c "
import json, os, sys
b = json.loads(os.environ['BODY']) if os.environ['BODY'] else None
link = os.environ['LINK']
sys.exit(0 if ($expression) else 1)"; then echo "ok  $what"; else echo "OFF: $what: $out"; FAILED=$((FAILED + 1)); fi
}
field_of() { python3 -c "import json,sys; print(json.load(sys.stdin)[\"$1\"])"; }
id=$(curl -s -X POST "$B/tasks" -H "$J" -d '{"title": "Write the report", "description": null}' \
	| python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
key="prism-$RANDOM$RANDOM"
e 201 -X POST "$B/tasks" -H "$J" -d '{"title": "with description", "description": "Q3"}'
e 201 -X POST "$B/tasks" -H "$J" -H "Idempotency-Key: $key" -d '{"title": "once"}'
e 201 -X POST "$B/tasks" -H "$J" -H "Idempotency-Key: $key" -d '{"title": "once"}'
e 422 -X POST "$B/tasks" -H "$J" -H "Idempotency-Key: $key" -d '{"title": "another"}'
e 200 "$B/tasks"
e 200 "$B/tasks?completed=false&q=report&limit=1&order=desc"
e 200 "$B/tasks?limit=1"
e 200 "$B/tasks/$id"
e 200 -X POST "$B/tasks/$id/complete"
e 200 -X POST "$B/tasks/$id/reopen"
e 200 -X PATCH "$B/tasks/$id" -H 'Content-Type: application/merge-patch+json' \
	-d '{"title": "new", "description": null, "completed": true}'
e 200 -X PATCH "$B/tasks/$id" -H "$J" -d '{}'
e 204 -X DELETE "$B/tasks/$id"
e 404 "$B/tasks/$id"
e 404 -X DELETE "$B/tasks/$id"
e 404 -X POST "$B/tasks/$id/complete"
e 404 -X POST "$B/tasks/$id/reopen"
e 404 -X PATCH "$B/tasks/$id" -H "$J" -d '{"title": "x"}'
e 422 -X POST "$B/tasks" -H "$J" -d '{"title": ""}'
e 422 -X POST "$B/tasks" -H "$J" -d '{"title": 123, "completed": "true", "id": 4}'
e 400 -X POST "$B/tasks" -H "$J" -d '{"title": '
e 400 -X POST "$B/tasks" -H "$J" -d '[1]'
e 415 -X POST "$B/tasks" -H 'Content-Type: text/plain' -d 'x'
python3 -c 'print("{\"title\": \"x\", \"description\": \"" + "a" * 1100000 + "\"}")' > "$LOG.big"
e 413 -X POST "$B/tasks" -H "$J" --data-binary "@$LOG.big"
e 422 -X PATCH "$B/tasks/1" -H "$J" -d '{"completed": "yes"}'
e 422 "$B/tasks?limit=0"
e 422 "$B/tasks?completed=maybe&order=up"
e 422 "$B/tasks/abc"
e 422 "$B/tasks/0"

# Part A: users and tokens, as the local user and as two users with their own tokens.
u1="prism-a-$RANDOM$RANDOM"; u2="prism-b-$RANDOM$RANDOM"; pw="prism password 1234"
e 201 -X POST "$B/users" -H "$J" -d "{\"username\": \"$u1\", \"password\": \"$pw\", \"timezone\": \"Europe/London\"}"
e 201 -X POST "$B/users" -H "$J" -d "{\"username\": \"$u2\", \"password\": \"$pw\"}"
e 409 -X POST "$B/users" -H "$J" -d "{\"username\": \"$u1\", \"password\": \"$pw\"}"
e 422 -X POST "$B/users" -H "$J" -d '{"username": "x", "password": "short", "timezone": "Mars/Base"}'
e 200 "$B/users"
e 200 "$B/users/me"
token() { curl -s -X POST "$B/tokens" -u "$1:$pw" -H "$J" -d "{\"name\": \"prism\", \"scopes\": [$2]}" \
	| python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'; }
t1=$(token "$u1" '"tasks:write"'); t2=$(token "$u2" '"tasks:write"'); r1=$(token "$u1" '"tasks:read"')
A1="Authorization: Bearer $t1"; A2="Authorization: Bearer $t2"
e 401 -X POST "$B/tokens" -u "$u1:wrong password here" -H "$J" -d '{"name": "x", "scopes": ["tasks:read"]}'
e 403 -X POST "$B/tokens" -H "$A1" -H "$J" -d '{"name": "x", "scopes": ["tasks:read"]}'
e 422 -X POST "$B/tokens" -u "$u1:$pw" -H "$J" -d '{"name": "x", "scopes": ["tasks:delete"], "expires_in_days": 366}'
e 200 "$B/tokens" -H "$A1"
e 200 "$B/users/me" -H "$A1"
e 200 -X PATCH "$B/users/me" -H "$A1" -H 'Content-Type: application/merge-patch+json' -d '{"display_name": "Prism"}'
e 422 -X PATCH "$B/users/me" -H "$A1" -H "$J" -d '{"password": "new password 12345"}'
e 403 "$B/users" -H "$A1"
own=$(curl -s -X POST "$B/tasks" -H "$A1" -H "$J" -d '{"title": "mine"}' \
	| python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
e 404 "$B/tasks/$own" -H "$A2"
e 404 -X PATCH "$B/tasks/$own" -H "$A2" -H "$J" -d '{"title": "theirs"}'
e 404 -X POST "$B/tasks/$own/complete" -H "$A2"
e 404 -X DELETE "$B/tasks/$own" -H "$A2"
e 200 "$B/tasks?q=mine" -H "$A2"
e 403 -X POST "$B/tasks" -H "Authorization: Bearer $r1" -H "$J" -d '{"title": "read only"}'
e 401 "$B/tasks" -H "Authorization: Bearer tt_unknownunknownunknownunknownunknown"
e 401 "$B/tasks" -H "Authorization: Bearer"
e 401 "$B/tasks" -H "X-Forwarded-For: 203.0.113.9"
tid=$(curl -s "$B/tokens" -H "$A1" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
e 404 -X DELETE "$B/tokens/$tid" -H "$A2"
e 204 -X DELETE "$B/tokens/$tid" -H "$A1"
e 401 "$B/tasks" -H "$A1"
uid=$(curl -s "$B/users" | python3 -c "import json,sys; print([u['id'] for u in json.load(sys.stdin) if u['username'] == '$u2'][0])")
e 409 -X DELETE "$B/users/1"
e 204 -X DELETE "$B/users/$uid"
e 401 "$B/tasks" -H "$A2"

# Part B: projects, labels, the task fields, the v2 filters and sorts.
pid=$(curl -s -X POST "$B/projects" -H "$J" -d "{\"name\": \"prism $RANDOM\"}" \
	| python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
e 201 -X POST "$B/tasks" -H "$J" -d "{\"title\": \"organised\", \"project_id\": $pid, \"labels\": [\"Prism\", \"b\"], \"priority\": 3, \"due\": {\"date\": \"2026-12-01\"}}"
e 201 -X POST "$B/tasks" -H "$J" -d '{"title": "at", "due": {"datetime": "2026-12-01T09:00:00+02:00"}, "labels": ["prism"]}'
e 422 -X POST "$B/tasks" -H "$J" -d '{"title": "bad", "priority": 5, "labels": ["a,b"], "due": {"date": "2026-02-30"}}'
e 422 -X POST "$B/tasks" -H "$J" -d '{"title": "bad", "project_id": 999999999}'
e 200 "$B/projects"
e 200 "$B/projects?archived=false"
e 200 "$B/projects/$pid"
e 200 -X PATCH "$B/projects/$pid" -H "$J" -d '{"archived": true}'
e 422 -X POST "$B/projects" -H "$J" -d '{"name": ""}'
e 200 "$B/labels"
e 200 -X PATCH "$B/labels/prism" -H "$J" -d '{"name": "Prisms"}'
e 200 "$B/tasks?project_id=$pid&label=prisms&priority=3,4&due_from=2026-11-30&due_to=2026-12-02"
e 200 "$B/tasks?due=today"
e 200 "$B/tasks?due=overdue&project_id=inbox"
e 200 "$B/tasks?sort=due&limit=1"
next=$(curl -s -D - -o /dev/null "$B/tasks?sort=priority&order=desc&limit=1" | tr -d '\r' | sed -n 's/^[Ll]ink: <\([^>]*\)>.*/\1/p')
e 200 "$B$next"
e 422 "$B/tasks?sort=due&cursor=forged"
e 422 "$B/tasks?sort=title"
e 409 -X DELETE "$B/projects/$pid"
e 204 -X DELETE "$B/projects/$pid?with_tasks=true"
e 204 -X DELETE "$B/labels/prisms"
e 404 -X DELETE "$B/labels/prisms"
# Part B as two users on either side of the date line: Kiritimati (UTC+14) and Pago Pago
# (UTC-11) never share a date. Each one's projects, labels, tasks and cursors are out of
# the other's reach, and each filter and sort answers what the contract says.
uk="prism-k-$RANDOM$RANDOM"; up="prism-p-$RANDOM$RANDOM"
e 201 -X POST "$B/users" -H "$J" -d "{\"username\": \"$uk\", \"password\": \"$pw\", \"timezone\": \"Pacific/Kiritimati\"}"
e 201 -X POST "$B/users" -H "$J" -d "{\"username\": \"$up\", \"password\": \"$pw\", \"timezone\": \"Pacific/Pago_Pago\"}"
K="Authorization: Bearer $(token "$uk" '"tasks:write"')"; P="Authorization: Bearer $(token "$up" '"tasks:write"')"
day() { python3 -c "from datetime import datetime, timedelta; from zoneinfo import ZoneInfo; print((datetime.now(ZoneInfo('$1')) + timedelta(days=$2)).date())"; }
kt=$(day Pacific/Kiritimati 0); pt=$(day Pacific/Pago_Pago 0)
kp=$(curl -s -X POST "$B/projects" -H "$K" -H "$J" -d '{"name": "Garden"}' | field_of id)
pp=$(curl -s -X POST "$B/projects" -H "$P" -H "$J" -d '{"name": "Garden"}' | field_of id)
task() { curl -s -X POST "$B/tasks" -H "$1" -H "$J" -d "$2" | field_of id; }
k_today=$(task "$K" "{\"title\": \"k today\", \"project_id\": $kp, \"labels\": [\"Home\", \"Errand\"], \"priority\": 4, \"due\": {\"date\": \"$kt\"}}")
k_their=$(task "$K" "{\"title\": \"k on p's today\", \"labels\": [\"home\"], \"priority\": 2, \"due\": {\"date\": \"$pt\"}}")
k_late=$(task "$K" "{\"title\": \"k overdue\", \"priority\": 3, \"due\": {\"datetime\": \"2020-01-01T09:00:00Z\"}}")
k_soon=$(task "$K" "{\"title\": \"k in 5 days\", \"project_id\": $kp, \"due\": {\"date\": \"$(day Pacific/Kiritimati 5)\"}}")
k_far=$(task "$K" "{\"title\": \"k in 30 days\", \"due\": {\"date\": \"$(day Pacific/Kiritimati 30)\"}}")
k_none=$(task "$K" '{"title": "k undated"}')
p_today=$(task "$P" "{\"title\": \"p today\", \"project_id\": $pp, \"labels\": [\"Secret\"], \"due\": {\"date\": \"$pt\"}}")
check "each project is its owner's" "b['id'] == $kp and b['open_tasks'] == 2" "$B/projects/$kp" -H "$K"
e 404 "$B/projects/$kp" -H "$P"
e 404 -X PATCH "$B/projects/$kp" -H "$P" -H "$J" -d '{"name": "Mine now"}'
e 404 -X DELETE "$B/projects/$kp?with_tasks=true" -H "$P"
check "another user's project_id is a 422 like a missing one" \
	"b['errors'][0]['field'] == 'project_id'" -X POST "$B/tasks" -H "$P" -H "$J" -d "{\"title\": \"x\", \"project_id\": $kp}"
check "a missing project_id is the same 422" "b['errors'][0]['field'] == 'project_id'" \
	-X POST "$B/tasks" -H "$P" -H "$J" -d '{"title": "x", "project_id": 999999999}'
check "moving one's task into another user's project is refused" "b['errors'][0]['field'] == 'project_id'" \
	-X PATCH "$B/tasks/$p_today" -H "$P" -H "$J" -d "{\"project_id\": $kp}"
e 404 -X PATCH "$B/tasks/$k_today" -H "$P" -H "$J" -d "{\"project_id\": $pp}"
check "listing by another user's project finds nothing" "b == []" "$B/tasks?project_id=$kp" -H "$P"
check "labels are per user, with counts" \
	"[(l['name'], l['tasks'], l['open_tasks']) for l in b] == [('Errand', 1, 1), ('Home', 2, 2)]" "$B/labels" -H "$K"
check "the other user's labels are its own" "[l['name'] for l in b] == ['Secret']" "$B/labels" -H "$P"
e 404 -X PATCH "$B/labels/secret" -H "$K" -H "$J" -d '{"name": "Open"}'
e 404 -X DELETE "$B/labels/secret" -H "$K"
check "label filters are case-insensitive and need every label" "[t['id'] for t in b] == [$k_today]" \
	"$B/tasks?label=HOME,errand" -H "$K"
check "today is the caller's: Kiritimati" "[t['id'] for t in b] == [$k_today]" "$B/tasks?due=today" -H "$K"
check "today is the caller's: Pago Pago" "[t['id'] for t in b] == [$p_today]" "$B/tasks?due=today" -H "$P"
check "overdue, with the other zone's today already past in this one" "[t['id'] for t in b] == [$k_their, $k_late]" \
	"$B/tasks?due=overdue" -H "$K"
check "upcoming: today to 7 days ahead" "sorted(t['id'] for t in b) == sorted([$k_today, $k_soon])" \
	"$B/tasks?due=upcoming" -H "$K"
check "due=none" "[t['id'] for t in b] == [$k_none]" "$B/tasks?due=none" -H "$K"
check "due_from and due_to are inclusive dates" "[t['id'] for t in b] == [$k_far]" \
	"$B/tasks?due_from=$(day Pacific/Kiritimati 30)&due_to=$(day Pacific/Kiritimati 30)" -H "$K"
check "priority" "[t['id'] for t in b] == [$k_today, $k_late]" "$B/tasks?priority=3,4" -H "$K"
check "project_id=inbox" "$k_today not in [t['id'] for t in b] and $k_none in [t['id'] for t in b]" \
	"$B/tasks?project_id=inbox" -H "$K"
check "sort=due puts the undated last" "[t['id'] for t in b] == [$k_late, $k_today, $k_their, $k_soon, $k_far, $k_none] or [t['id'] for t in b] == [$k_late, $k_their, $k_today, $k_soon, $k_far, $k_none]" \
	"$B/tasks?sort=due" -H "$K"
check "sort=due&order=desc puts the undated last too" "[t['id'] for t in b][-1] == $k_none and b[0]['id'] == $k_far" \
	"$B/tasks?sort=due&order=desc" -H "$K"
check "sort=priority&order=desc" "[t['priority'] for t in b] == sorted([t['priority'] for t in b], reverse=True)" \
	"$B/tasks?sort=priority&order=desc" -H "$K"
e 200 -X PATCH "$B/tasks/$k_none" -H "$K" -H "$J" -d '{"title": "k undated, touched"}'
check "sort=updated&order=desc" "b[0]['id'] == $k_none" "$B/tasks?sort=updated&order=desc" -H "$K"
# Pagination through ties: eight tasks of one priority and one due date, two a page.
for n in 1 2 3 4 5 6 7 8; do task "$P" "{\"title\": \"tie $n\", \"priority\": 2, \"due\": {\"date\": \"2027-01-01\"}}" > /dev/null; done
walk=$(python3 - "$B" "$P" <<'PY'
import json, sys, urllib.request
base, auth = sys.argv[1], sys.argv[2].split(': ', 1)
seen, url = [], base + '/tasks?priority=2&sort=due&limit=2'
while url:
    request = urllib.request.Request(url, headers={auth[0]: auth[1]})
    with urllib.request.urlopen(request) as response:
        seen += [t['id'] for t in json.load(response)]
        link = response.headers.get('Link')
    url = base + link[1:link.index('>')] if link else None
print('ok' if len(seen) == 8 and seen == sorted(seen) else 'off: %s' % seen)
PY
)
[ "$walk" = ok ] && echo "ok  a sort with ties pages through every task once" || { echo "OFF: pages: $walk"; FAILED=$((FAILED + 1)); }
next=$(curl -s -D - -o /dev/null -H "$P" "$B/tasks?priority=2&sort=due&limit=2" | tr -d '\r' | sed -n 's/^[Ll]ink: <\([^>]*\)>.*/\1/p')
e 200 "$B$next" -H "$P"
check "another user's cursor is a 422" "b['errors'][0]['field'] == 'cursor'" "$B$next" -H "$K"
check "a cursor of another listing is a 422" "b['errors'][0]['field'] == 'cursor'" "$B${next/sort=due/sort=priority}" -H "$P"
# Bad input: each a 422 naming the field, nothing changed.
before=$(curl -s "$B/tasks?limit=1000" -H "$K")
labels21=$(python3 -c 'import json; print(json.dumps(["l%d" % i for i in range(21)]))')
for body in "{\"title\": \"x\", \"labels\": $labels21}|labels" "{\"title\": \"x\", \"labels\": [\"$(printf 'a%.0s' $(seq 51))\"]}|labels" \
	'{"title": "x", "labels": ["a,b"]}|labels' '{"title": "x", "labels": ["a\u0007"]}|labels' \
	'{"title": "x", "priority": 0}|priority' '{"title": "x", "priority": 5}|priority' '{"title": "x", "priority": "4"}|priority' \
	'{"title": "x", "due": {"date": "2026-12-01", "datetime": "2026-12-01T09:00:00Z"}}|due' '{"title": "x", "due": {}}|due' \
	'{"title": "x", "due": {"date": "2026-02-30"}}|due' '{"title": "x", "due": {"datetime": "2026-12-01T09:00:00"}}|due'; do
	check "POST ${body%|*} names ${body##*|}" "b['status'] == 422 and any(x['field'].startswith('${body##*|}') for x in b['errors'])" \
		-X POST "$B/tasks" -H "$K" -H "$J" -d "${body%|*}"
	check "PATCH ${body%|*} names ${body##*|}" "b['status'] == 422 and any(x['field'].startswith('${body##*|}') for x in b['errors'])" \
		-X PATCH "$B/tasks/$k_today" -H "$K" -H "$J" -d "${body%|*}"
done
for query in "due_from=2026-12-02&due_to=2026-12-01|due_from" "label=|label" "sort=title|sort" "priority=0|priority" \
	"due=tomorrow|due" "project_id=none|project_id" "due_from=2026-02-30|due_from"; do
	check "GET ?${query%|*} names ${query##*|}" "b['status'] == 422 and any(x['field'] == '${query##*|}' for x in b['errors'])" \
		"$B/tasks?${query%|*}" -H "$K"
done
[ "$(curl -s "$B/tasks?limit=1000" -H "$K")" = "$before" ] && echo "ok  bad input changed nothing" \
	|| { echo "OFF: bad input changed the tasks"; FAILED=$((FAILED + 1)); }
e 204 -X DELETE "$B/labels/errand" -H "$K"
check "a deleted label leaves every task" "all('Errand' not in t['labels'] for t in b)" "$B/tasks" -H "$K"
e 200 -X PATCH "$B/labels/home" -H "$K" -H "$J" -d '{"name": "House"}'
check "a rename reaches every task" "sorted(t['id'] for t in b) == sorted([$k_today, $k_their])" "$B/tasks?label=house" -H "$K"
check "the other user's tasks kept their labels" "[t['labels'] for t in b] == [['Secret']]" "$B/tasks?label=secret" -H "$P"
e 409 -X DELETE "$B/projects/$kp" -H "$K"
e 204 -X DELETE "$B/projects/$kp?with_tasks=true" -H "$K"
check "deleting a project with its tasks leaves the other user's project" "b['open_tasks'] == 1" "$B/projects/$pp" -H "$P"

# Part D (contract v3): versions and ETags, the change feed, export and import.
d=$(task "$K" '{"title": "d versioned"}')
e 304 "$B/tasks/$d" -H "$K" -H 'If-None-Match: "1"'
e 200 "$B/tasks/$d" -H "$K" -H 'If-None-Match: "0"'
e 200 -X PATCH "$B/tasks/$d" -H "$K" -H "$J" -H 'If-Match: "1"' -d '{"title": "d changed"}'
e 412 -X PATCH "$B/tasks/$d" -H "$K" -H "$J" -H 'If-Match: "1"' -d '{"title": "d lost"}'
e 412 -X POST "$B/tasks/$d/complete" -H "$K" -H 'If-Match: W/"2"'
e 412 -X DELETE "$B/tasks/$d" -H "$K" -H 'If-Match: "7"'
e 422 -X PATCH "$B/tasks/$d" -H "$K" -H "$J" -H 'If-Match: 2' -d '{"title": "d malformed"}'
e 404 -X PATCH "$B/tasks/$d" -H "$P" -H "$J" -H 'If-Match: "2"' -d '{"title": "not theirs"}'
check "a stale If-Match changed nothing" "b['title'] == 'd changed' and b['version'] == 2" "$B/tasks/$d" -H "$K"
e 304 "$B/projects/$pp" -H "$P" -H 'If-None-Match: *'
e 412 -X PATCH "$B/projects/$pp" -H "$P" -H "$J" -H 'If-Match: "99"' -d '{"name": "stale"}'
first=$(curl -s "$B/sync?limit=1000" -H "$K")
token=$(BODY=$first python3 -c 'import json, os; print(json.loads(os.environ["BODY"])["next"])')
check "the whole state, without since" "$d in [t['id'] for t in b['tasks']] and not b['more']" "$B/sync?limit=1000" -H "$K"
e 200 -X PATCH "$B/tasks/$d" -H "$K" -H "$J" -d '{"title": "d synced"}'
gone=$(task "$K" '{"title": "d gone"}')
e 204 -X DELETE "$B/tasks/$gone" -H "$K"
check "only what changed since, and what was deleted" \
	"[t['title'] for t in b['tasks']] == ['d synced'] and b['deleted']['tasks'] == [$gone]" "$B/sync?since=$token" -H "$K"
check "another user's token is a 422" "b['errors'][0]['field'] == 'since'" "$B/sync?since=$token" -H "$P"
check "a forged token is a 422" "b['errors'][0]['field'] == 'since'" "$B/sync?since=${token%.*}.AAAA" -H "$K"
e 422 "$B/sync?limit=0" -H "$K"
e 422 "$B/sync?wait=61" -H "$K"
caught_up=$(curl -s "$B/sync?since=$token" -H "$K" | python3 -c 'import json,sys; print(json.load(sys.stdin)["next"])')
check "a wait with nothing new answers empty when its time is up" "b['tasks'] == [] and not b['more']" \
	"$B/sync?since=$caught_up&wait=1" -H "$K"
curl -s "$B/export" -H "$P" > "$LOG.export"
e 200 "$B/export" -H "$P"
check "an export holds the caller's tasks only" "b['format'] == 'tasktracker-export' and all(t['title'].startswith('p') or 'tie' in t['title'] for t in b['tasks'])" \
	"$B/export" -H "$P"
e 201 -X POST "$B/import" -H "$K" -H "$J" --data-binary "@$LOG.export"
e 422 -X POST "$B/import" -H "$K" -H "$J" -d '{"format": "tasktracker-export", "version": 1, "tasks": [{"id": 1, "title": "a", "parent_id": 1}]}'
e 422 -X POST "$B/import" -H "$K" -H "$J" -d '{"format": "other"}'
printf 'TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE\r\nsection,Boxes,,,,,,,,\r\ntask,Pack books @heavy,"big, heavy",1,1,,,tomorrow,en,\r\ntask,Tape,,4,2,,,,,\r\n' > "$LOG.csv"
e 201 -X POST "$B/import?project=Moving" -H "$K" -H 'Content-Type: text/csv' --data-binary "@$LOG.csv"
check "a Todoist CSV: sections as labels, indents as subtasks, p1 as urgent" \
	"[(t['title'], t['labels'], t['priority'], t['parent_id'] is None) for t in b] == [('Pack books', ['Boxes', 'heavy'], 4, True), ('Tape', ['Boxes'], 1, False)]" \
	"$B/tasks?label=boxes" -H "$K"
e 422 -X POST "$B/import?project=Moving" -H "$K" -H 'Content-Type: text/csv' -d 'TITLE,WHEN'
e 422 -X POST "$B/import" -H "$K" -H 'Content-Type: text/csv' --data-binary "@$LOG.csv"

e 200 "$B/health"
e 200 "$B/health/ready"
e 200 "$B/health/live"

sleep 1
echo "requests: $(grep -c 'Request received' "$LOG" || true)"
echo "request violations (expected): $(grep -c 'Violation: request' "$LOG" || true)"
violations=$(grep -c 'Violation: response' "$LOG" || true)
echo "response violations: $violations"
grep 'Violation: response' "$LOG" || true
rm -f "$LOG" "$LOG.json" "$LOG.big" "$LOG.headers" "$LOG.export" "$LOG.csv"
echo "off statuses and bodies: $FAILED"
[ "$violations" = 0 ] && [ "$FAILED" = 0 ]
