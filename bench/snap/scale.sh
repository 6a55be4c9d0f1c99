#!/usr/bin/env bash
# Issue 17: is the engine flat in fixture size? Runs the signed balance inquiry (HMAC-SHA512, B2B token, unique
# X-EXTERNAL-ID and partnerReferenceNo, frozen --clock) with wrk against the default fixtures and against
# generated large sets (bench/snap/generate-fixtures.py), one server at a time, in one run, and prints each set's
# req/s, p50, p99, start-to-listening time and RSS, and its ratio to the default's req/s. Target: every ratio ≥ 0.90.
#   bash bench/snap/scale.sh                 # DURATION=10s CONNECTIONS=64 by default
#   SETS="default rules-10k" ROUNDS=3 bash bench/snap/scale.sh
# The machine is shared, so each set runs ROUNDS times (default 2), interleaved with the others, and its best
# round is kept: a load spike from elsewhere then costs a set one round, not its ratio.
set -euo pipefail
cd "$(dirname "$0")/../.."

OUT=${BENCH_OUT:-/tmp/snapsim-scale}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
PORT=${PORT:-18480}
SETS=${SETS:-"default accounts rules-1k rules-10k partners-1k"}
ROUNDS=${ROUNDS:-2}
CLOCK=2026-01-15T09:00:00+07:00
# Unique requests: enough for 25k req/s over the run; a wrap (reused X-EXTERNAL-ID) is reported, not hidden.
SECONDS_RUN=${DURATION%s}
COUNT=${REQUESTS:-$((SECONDS_RUN * 25000))}
BODY='{"partnerReferenceNo":"2020102900000000000001","accountNo":"12345678"}'
mkdir -p "$OUT"
ulimit -n 65536 2>/dev/null || true

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

echo "== building (release)"
swift build -c release --scratch-path .build-bench --product snapsim 2>&1 | tail -1
SNAPSIM=.build-bench/release/snapsim

echo "== generating fixture sets"
python3 bench/snap/generate-fixtures.py "$OUT/sets" >/dev/null

SERVER_PID=""
stop_server() { if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; fi; }
trap stop_server EXIT

now_ms() { date +%s%3N; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

declare -A RPS P50 P99 START RSS AFTER
for round in $(seq "$ROUNDS"); do
for set in $SETS; do
    started=$(now_ms)
    "$SNAPSIM" serve --port "$PORT" --fixtures "$OUT/sets/$set" --clock "$CLOCK" --seed 7 --admin-token bench \
        >"$OUT/$set.log" 2>&1 &
    SERVER_PID=$!
    until curl -s -o /dev/null "http://127.0.0.1:$PORT/_sim/health"; do
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$OUT/$set.log"; exit 1; }
        sleep 0.01
    done
    start_ms=$(( $(now_ms) - started ))
    rss_start=$(rss_kb "$SERVER_PID")

    signed=$("$SNAPSIM" sign --target "http://127.0.0.1:$PORT" --partner snapsim-demo --fixtures "$OUT/sets/$set" \
        --path /v1.0/balance-inquiry --data "$BODY" --timestamp "$CLOCK")
    token=$(sed -n 's/^Authorization: Bearer //p' <<<"$signed" | head -1)
    signature=$(sed -n 's/^X-SIGNATURE: //p' <<<"$signed" | head -1)
    python3 bench/snap/sign-requests.py "$COUNT" "$token" snapsim-demo-secret-SANDBOX-ONLY "$CLOCK" "$BODY" "$signature" \
        >"$OUT/requests.tsv"

    result=$(BENCH_TIMESTAMP="$CLOCK" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/snap/scale.lua \
        "http://127.0.0.1:$PORT" -- "$OUT/requests.tsv" "$token" 2 | sed -n 's/^RESULT //p')
    read -r rps p50 p99 total failed wraps <<<"$result"
    rss_after=$(rss_kb "$SERVER_PID")
    stop_server
    echo "   round $round $set: $rps req/s, p99 $p99 ms, start $start_ms ms" >&2
    if [ "$failed" != 0 ]; then
        echo "   !! $set: $failed of $total answers were not 200 (request list wrapped $wraps times; raise REQUESTS)"
    fi
    if [ -z "${RPS[$set]:-}" ] || [ "$rps" -gt "${RPS[$set]}" ]; then
        RPS[$set]=$rps; P50[$set]=$p50; P99[$set]=$p99; RSS[$set]=$rss_start; AFTER[$set]=$rss_after
    fi
    if [ -z "${START[$set]:-}" ] || [ "$start_ms" -lt "${START[$set]}" ]; then START[$set]=$start_ms; fi
done
done

printf '%-12s %9s %8s %8s %9s %9s %9s %6s\n' set "req/s" "p50 ms" "p99 ms" "start ms" "RSS MB" "after MB" ratio
for set in $SETS; do
    ratio=$(awk -v a="${RPS[$set]}" -v b="${RPS[default]:-${RPS[$set]}}" 'BEGIN { printf "%.2f", a / b }')
    printf '%-12s %9s %8s %8s %9s %9.1f %9.1f %6s\n' "$set" "${RPS[$set]}" "${P50[$set]}" "${P99[$set]}" "${START[$set]}" \
        "$(awk -v k="${RSS[$set]}" 'BEGIN { print k / 1024 }')" "$(awk -v k="${AFTER[$set]}" 'BEGIN { print k / 1024 }')" "$ratio"
done
echo "(best of $ROUNDS rounds per set; ratio = req/s over the default set's; $CONNECTIONS connections, $DURATION, wrk -t2;"
echo " start = launch to first answer, fastest round; RSS at start and after the run)"

# Load-independent: instructions per request under callgrind (bench/snap/callgrind.sh), each set over the default.
if [ "${INSTRUCTIONS:-1}" = 1 ]; then
    echo "== instructions per signed balance inquiry (callgrind; INSTRUCTIONS=0 skips)"
    SETS="$SETS" BENCH_OUT="$OUT/callgrind" bash bench/snap/callgrind.sh | grep -v '^Build'
fi
