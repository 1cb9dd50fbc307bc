#!/usr/bin/env bash
# First start: the seconds from `mvn spring-boot:run` on a fresh clone (no target/, no
# data/) to a 200 from /health/ready, as a newcomer's first command. Clones the committed
# HEAD into bench/.work/first-start, runs it --runs times and prints each and the median.
# --cold-repo uses an empty Maven repository, so the figure includes every download and
# the script prints how much was downloaded.
#
#   bench/first-start.sh [--runs N] [--cold-repo]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK="$ROOT/bench/.work/first-start"
RUNS=3
COLD=false
PORT=18400
while [ $# -gt 0 ]; do
	case "$1" in
		--runs) RUNS=$2; shift 2 ;;
		--cold-repo) COLD=true; shift ;;
		-h|--help) sed -n '2,9p' "$0"; exit 0 ;;
		*) echo "unknown option: $1" >&2; exit 2 ;;
	esac
done

rm -rf "$WORK" && mkdir -p "$WORK"
git clone -q "$ROOT" "$WORK/clone"
MVN_ARGS=(-B)
if $COLD; then MVN_ARGS+=(-Dmaven.repo.local="$WORK/repository"); fi

SERVICE=
trap '[ -n "$SERVICE" ] && kill -- -"$SERVICE" 2>/dev/null; true' EXIT
times=()
for run in $(seq 1 "$RUNS"); do
	rm -rf "$WORK/clone/target" "$WORK/clone/data"
	if $COLD && [ "$run" -gt 1 ]; then rm -rf "$WORK/repository"; fi
	start=$(date +%s%N)
	(cd "$WORK/clone" && PORT=$PORT exec setsid mvn "${MVN_ARGS[@]}" spring-boot:run >"$WORK/run-$run.log" 2>&1) &
	SERVICE=$!
	until curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1; do
		kill -0 "$SERVICE" 2>/dev/null || { echo "the service stopped; see $WORK/run-$run.log" >&2; exit 1; }
		sleep 0.1
	done
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	times+=("$ms")
	kill -- -"$SERVICE" 2>/dev/null || true
	wait "$SERVICE" 2>/dev/null || true
	SERVICE=
	echo "run $run: healthy after $ms ms"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median of $RUNS: $median ms$($COLD && printf ', downloading %s' "$(du -sh "$WORK/repository" | cut -f1)")"
