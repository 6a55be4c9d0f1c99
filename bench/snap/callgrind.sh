#!/usr/bin/env bash
# Instructions per signed request, counted by valgrind's callgrind: repeatable on a loaded machine where wall-clock
# throughput is not. Starts a release `snapsim serve` under callgrind with collection off, sends WARM requests,
# switches collection on, sends N requests of each case on one keep-alive connection (bench/snap/send.py), and
# prints the server's instructions per request (Ir / N).
#   bash bench/snap/callgrind.sh                        # cases: balance topup badsig; fixtures: run.sh's defaults
#   SETS="default rules-10k" CASES=balance bash bench/snap/callgrind.sh   # generated sets (generate-fixtures.py)
#   SNAPSIM_BIN=/path/to/snapsim bash bench/snap/callgrind.sh              # an already built binary
set -euo pipefail
cd "$(dirname "$0")/../.."

OUT=${BENCH_OUT:-/tmp/snapsim-callgrind}
N=${N:-2000}
WARM=${WARM:-300}
PORT=${PORT:-18190}
CASES=${CASES:-"balance topup badsig"}
SETS=${SETS:-""}
TS=2026-01-15T09:00:00+07:00
A=snapsim-demo
mkdir -p "$OUT"
command -v valgrind >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null; }

if [ -n "${SNAPSIM_BIN:-}" ]; then
    SNAPSIM=$SNAPSIM_BIN
else
    swift build -c release --scratch-path .build-bench --product snapsim 2>&1 | tail -1
    SNAPSIM=.build-bench/release/snapsim
fi

# The fixtures of run.sh (a bench tier and customer so every top-up succeeds); generated sets when SETS is given.
prepare_default() {
    rm -rf "$1" && cp -r fixtures "$1"
    python3 - "$1" <<'PY'
import json, sys
folder = sys.argv[1]
tiers = json.load(open(f"{folder}/tiers.json"))
tiers["tiers"].append({"name": "bench", "description": "benchmark tier without practical limits",
    "balanceCap": "90000000000000.00", "monthlyTopUpCap": "90000000000000.00", "minimumTopUp": "1.00",
    "fee": "0.00", "feeType": "OUR", "dailyAccountInquiryLimit": 1000000})
json.dump(tiers, open(f"{folder}/tiers.json", "w"), indent=2)
customers = json.load(open(f"{folder}/customers.json"))
customers["customers"].append({"customerNumber": "081900000001", "name": "Bench Customer", "tier": "bench",
    "balance": "0.00", "toppedUpThisMonth": "0.00", "status": "active"})
json.dump(customers, open(f"{folder}/customers.json", "w"), indent=2)
PY
}

# measure LABEL FIXTURES: one server under callgrind, every case of CASES.
measure() {
    local label=$1 fixtures=$2 dir="$OUT/$1"
    rm -rf "$dir" && mkdir -p "$dir"
    python3 - "$fixtures" "$dir" "$A" <<'PY'
import json, sys
for p in json.load(open(f"{sys.argv[1]}/partners.json"))["partners"]:
    if p["clientId"] == sys.argv[3]:
        open(f"{sys.argv[2]}/{p['clientId']}.key", "w").write(p["privateKey"])
        open(f"{sys.argv[2]}/{p['clientId']}.secret", "w").write(p["clientSecret"])
PY
    valgrind --tool=callgrind --collect-atstart=no --callgrind-out-file="$dir/callgrind.out.%p" \
        "$SNAPSIM" serve --port "$PORT" --clock "$TS" --seed 7 --fixtures "$fixtures" --admin-token bench \
        > "$dir/server.log" 2>&1 &
    local pid=$!
    for _ in $(seq 1 3000); do curl -sf "http://127.0.0.1:$PORT/_sim/health" >/dev/null 2>&1 && break; sleep 0.1; done
    local offset=0
    for case in $CASES; do
        offset=$((offset + 10000000))
        python3 bench/snap/presign.py "http://127.0.0.1:$PORT" "$A" "$(cat "$dir/$A.secret")" "$dir/$A.key" "$TS" \
            "$case" $((2 * (N + WARM))) 2 "$dir/$case" "$offset" >/dev/null
        local expect=200; [ "$case" = badsig ] && expect=401
        python3 bench/snap/send.py 127.0.0.1 "$PORT" "$dir/$case-1.txt" "$WARM" "$expect" >/dev/null
        callgrind_control -z "$pid" >/dev/null
        callgrind_control -i on "$pid" >/dev/null
        python3 bench/snap/send.py 127.0.0.1 "$PORT" "$dir/$case-2.txt" "$N" "$expect" >/dev/null
        callgrind_control -i off "$pid" >/dev/null
        callgrind_control -d "$case" "$pid" >/dev/null
        local file
        file=$(ls -t "$dir"/callgrind.out.*"$case"* 2>/dev/null | head -1)
        local ir
        ir=$(callgrind_annotate "$file" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1; exit }')
        printf '%-12s %-8s %12d instructions/request  (%s)\n' "$label" "$case" $((ir / N)) "$file" | tee -a "$OUT/summary.txt"
    done
    kill -INT "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

: > "$OUT/summary.txt"
if [ -z "$SETS" ]; then
    prepare_default "$OUT/fixtures"
    measure run-sh "$OUT/fixtures"
else
    python3 bench/snap/generate-fixtures.py "$OUT/sets" >/dev/null
    for set in $SETS; do measure "$set" "$OUT/sets/$set"; done
    awk -v first="${SETS%% *}" '$1 == first { base[$2] = $3 } { if (base[$2]) printf "%-12s %-8s ratio to %s: %.3f\n", $1, $2, first, $3 / base[$2] }' \
        "$OUT/summary.txt"
fi
