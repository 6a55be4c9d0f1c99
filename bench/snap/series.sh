#!/usr/bin/env bash
# The signed top-up's latency second by second: one server, then wrk for STEP seconds at a time, STEPS times,
# each run continuing where the previous one stopped in the same pre-signed requests (distinct
# partnerReferenceNo and X-EXTERNAL-ID throughout, all of partner snapsim-demo, frozen clock). Prints, per step,
# the top-ups served before it, req/s, p50, p99 and max: a stall that comes with the partner's state growing
# shows up at the step where it happens. Each step reads its own slice of PER_STEP requests per wrk thread
# (wrk's clock misbehaves when a thread's script loads hundreds of thousands of lines). See README.md ("Top-up tail").
#   SNAPSIM_BIN=.build-bench/release/snapsim bash bench/snap/series.sh     # CASE=topup STEPS=14 STEP=1
set -euo pipefail
cd "$(dirname "$0")/../.."

OUT=${BENCH_OUT:-/tmp/snapsim-series}
CASE=${CASE:-topup}
STEPS=${STEPS:-14}
STEP=${STEP:-1}
CONNS=${CONNS:-64}
PER_STEP=${PER_STEP:-30000}
SIM_PORT=${SIM_PORT:-18092}
TS=2026-01-15T09:00:00+07:00
BASE="http://127.0.0.1:$SIM_PORT"
A=snapsim-demo
mkdir -p "$OUT"
ulimit -n 65536 2>/dev/null || true
for tool in wrk curl python3 openssl; do command -v $tool >/dev/null || { echo "needs $tool (bench/snap/run.sh installs it)"; exit 1; }; done

SNAPSIM=${SNAPSIM_BIN:-.build-bench/release/snapsim}
[ -x "$SNAPSIM" ] || swift build -c release --scratch-path .build-bench --product snapsim 2>&1 | tail -1
rm -rf "$OUT/fixtures" "$OUT"/*.token && cp -r fixtures "$OUT/fixtures"
python3 bench/snap/bench-fixtures.py "$OUT/fixtures" "$A"

"$SNAPSIM" serve --port "$SIM_PORT" --clock "$TS" --seed 7 --fixtures "$OUT/fixtures" --admin-token bench \
    > "$OUT/server.log" 2>&1 &
SIM_PID=$!
trap 'kill -INT $SIM_PID 2>/dev/null || true; wait 2>/dev/null || true' EXIT
for _ in $(seq 1 500); do curl -sf "$BASE/_sim/health" >/dev/null 2>&1 && break; sleep 0.02; done
# A server that could not listen has exited: never measure whatever else answers on that port.
kill -0 "$SIM_PID" 2>/dev/null || { cat "$OUT/server.log"; exit 1; }

echo "== pre-signing $((PER_STEP * 2 * STEPS)) requests"
python3 bench/snap/presign.py "$BASE" "$A" "$(cat "$OUT/$A.secret")" "$OUT/$A.key" "$TS" "$CASE" \
    $((PER_STEP * 2 * STEPS)) 2 "$OUT/$CASE" 300000000
for thread in 1 2; do
    split -d -a 3 -l "$PER_STEP" "$OUT/$CASE-$thread.txt" "$OUT/$CASE-slice-"
    for slice in "$OUT/$CASE-slice-"[0-9][0-9][0-9]; do mv "$slice" "$OUT/step-$((10#${slice##*-} + 1))-$thread.txt"; done
done

served=0
{
    echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2 -c$CONNS ${STEP}s per step, $CASE"
    printf '%5s %9s %8s %9s %9s %9s %8s %6s %s\n' step before req/s p50 p99 max rss load unexpected
} | tee "$OUT/series.txt"
for step in $(seq 1 "$STEPS"); do
    wrk -t2 -c"$CONNS" -d"${STEP}s" --latency -s bench/snap/series.lua "$BASE" -- "$OUT/step-$step" 200 \
        > "$OUT/step-$step.txt"
    rps=$(awk '/^Requests\/sec/ { printf "%d", $2 }' "$OUT/step-$step.txt")
    total=$(awk '/requests in/ { print $1 }' "$OUT/step-$step.txt")
    p50=$(awk '$1 == "50%" { print $2 }' "$OUT/step-$step.txt")
    p99=$(awk '$1 == "99%" { print $2 }' "$OUT/step-$step.txt")
    max=$(awk '$1 == "Latency" { print $4 }' "$OUT/step-$step.txt")
    bad=$(awk -F': ' '/^unexpected answers/ { print $2 }' "$OUT/step-$step.txt")
    rss=$(awk '/^VmRSS/ { printf "%dM", $2 / 1024 }' "/proc/$SIM_PID/status")
    printf '%5s %9s %8s %9s %9s %9s %8s %6s %s\n' "$step" "$served" "$rps" "$p50" "$p99" "$max" "$rss" \
        "$(cut -d' ' -f1 /proc/loadavg)" "$bad" | tee -a "$OUT/series.txt"
    used=$(awk -F': ' '/^lines used/ { print $2 }' "$OUT/step-$step.txt")
    ((used <= PER_STEP)) || echo "(step $step used more than PER_STEP=$PER_STEP requests per thread: raise it)"
    served=$((served + total))
done
