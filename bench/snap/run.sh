#!/usr/bin/env bash
# The signed SNAP path under load, against nginx in the same run. See README.md.
#   bash bench/snap/run.sh             # DURATION=10s per case; BENCH_OUT=/tmp/snapsim-snap-bench for reports
#   FLOOD=badsig bash bench/snap/run.sh   # flood with mangled signatures (65 bytes) instead of a wrong secret's
#   FLOOD_ROUNDS=3 FLOOD_DURATION=5       # partner B alone / during A's flood, alternated; the median is reported
#   REJECTION_RATE=0 bash bench/snap/run.sh   # serve --rejection-rate 0: no rejection budget (A's flood unthrottled)
#   REJECTION_RATE=N REJECTION_BURST=M        # another budget; unset: the binary's default
# Cases: balance inquiry (11), e-money top-up (38, a distinct partnerReferenceNo each), partner B's balance
# inquiries alone and while partner A floods wrong signatures on 8 connections, one 60k-member body.
set -euo pipefail
cd "$(dirname "$0")/../.."

OUT=${BENCH_OUT:-/tmp/snapsim-snap-bench}
DURATION=${DURATION:-10}
CONNS=${CONNS:-64}
SIM_PORT=${SIM_PORT:-18090}
NGINX_PORT=${NGINX_PORT:-18091}
# Pre-signed requests per case: more than the simulator can answer in DURATION, each X-EXTERNAL-ID used once.
PER_SECOND=${PER_SECOND:-45000}
COUNT=$((PER_SECOND * DURATION))
# B alone and B during A's flood alternate FLOOD_ROUNDS times, FLOOD_DURATION seconds each: a single pair of
# phases moved 15-20 points with the host's noise between them (70-90 %), a median of alternated pairs less.
FLOOD_ROUNDS=${FLOOD_ROUNDS:-3}
FLOOD_DURATION=${FLOOD_DURATION:-5}
FLOOD_COUNT=$((PER_SECOND * FLOOD_DURATION))
CLOCK=2026-01-15T09:00:00+07:00
TS=2026-01-15T09:00:00+07:00
BASE="http://127.0.0.1:$SIM_PORT"
A=snapsim-demo
B=snapsim-demo-2
mkdir -p "$OUT"
ulimit -n 65536 2>/dev/null || true

# --- Tools -------------------------------------------------------------------------------------------------
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v openssl >/dev/null || missing+=(openssl)
command -v python3 >/dev/null || missing+=(python3)
command -v curl >/dev/null || missing+=(curl)
if ((${#missing[@]})); then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# SNAPSIM_BIN=path runs an already built binary (e.g. a copy of an earlier build, to compare before/after).
if [ -n "${SNAPSIM_BIN:-}" ]; then
    SNAPSIM=$SNAPSIM_BIN
else
    echo "== building snapsim (release)"
    swift build -c release --scratch-path .build-bench --product snapsim 2>&1 | tail -1
    SNAPSIM=.build-bench/release/snapsim
fi

# --- Fixtures: the defaults plus a tier and customer that can take a top-up per request for the whole run ---
rm -rf "$OUT/fixtures" "$OUT"/*.token && cp -r fixtures "$OUT/fixtures"
python3 bench/snap/bench-fixtures.py "$OUT/fixtures" "$A" "$B"

# --- Servers -----------------------------------------------------------------------------------------------
source bench/snap/nginx-canned.sh
write_nginx_conf "$OUT" "$NGINX_PORT"

SIM_PID=""
NGINX_PID=""
cleanup() {
    [ -n "$SIM_PID" ] && kill -INT "$SIM_PID" 2>/dev/null || true
    [ -n "$NGINX_PID" ] && kill -QUIT "$NGINX_PID" 2>/dev/null || true
    wait 2>/dev/null || true
}
trap cleanup EXIT

# The rejection budget (docs/rejection-budget.md) only when asked for: a binary from before it has no such option.
budget=()
[ -n "${REJECTION_RATE:-}" ] && budget+=(--rejection-rate "$REJECTION_RATE")
[ -n "${REJECTION_BURST:-}" ] && budget+=(--rejection-burst "$REJECTION_BURST")
"$SNAPSIM" serve --port "$SIM_PORT" --clock "$CLOCK" --seed 7 --fixtures "$OUT/fixtures" --admin-token bench \
    "${budget[@]}" > "$OUT/server.log" 2>&1 &
SIM_PID=$!
"$NGINX" -c "$OUT/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
for _ in $(seq 1 500); do curl -sf "$BASE/_sim/health" >/dev/null 2>&1 && break; sleep 0.02; done

# presign PARTNER CASE COUNT THREADS PREFIX OFFSET
presign() {
    python3 bench/snap/presign.py "$BASE" "$1" "$(cat "$OUT/$1.secret")" "$OUT/$1.key" "$TS" "$2" "$3" "$4" \
        "$OUT/$5" "$6"
}
echo "== pre-signing $COUNT requests per case"
presign "$A" balance $((PER_SECOND * 3)) 2 warm 0  # more than 2 s can use: a wrap would reuse X-EXTERNAL-IDs (409)
presign "$A" balance "$COUNT" 2 balance 100000000
presign "$A" topup "$COUNT" 2 topup 300000000
for r in $(seq 1 "$FLOOD_ROUNDS"); do
    presign "$B" balance "$FLOOD_COUNT" 2 "quiet-b$r" $((500000000 + r * 10000000))
    presign "$B" balance "$FLOOD_COUNT" 2 "flood-b$r" $((700000000 + r * 10000000))
done
# The flood (FLOOD=badkey, the default): signatures made with a wrong secret, the realistic misconfiguration
# (64 bytes: the diagnosis tries every candidate). FLOOD=badsig: ones whose last Base64 characters were changed
# (65 bytes: no HMAC can match, nothing is tried).
presign "$A" "${FLOOD:-badkey}" 20000 1 badsig 900000000
presign "$A" big 1 1 big 0
# Every request as sent, so that each wrk thread loads its ~225,000 in a fraction of a second (wire.py says why).
python3 bench/snap/wire.py "$OUT"/{warm,balance,topup,quiet-b*,flood-b*,badsig}-[0-9].txt

# --- Load --------------------------------------------------------------------------------------------------
# run NAME PORT PREFIX EXPECT [THREADS CONNS]: wrk's report goes to $OUT/NAME.txt.
# CPU_OUT=FILE: wrk's own user and system CPU seconds go to FILE.
run() {
    local timer=()
    [ -n "${CPU_OUT:-}" ] && [ -x /usr/bin/time ] && timer=(/usr/bin/time -f '%U %S' -o "$CPU_OUT")
    "${timer[@]}" wrk -t"${5:-2}" -c"${6:-$CONNS}" -d"${DURATION}s" --latency -s bench/snap/cycle.lua \
        "http://127.0.0.1:$2" -- "$OUT/$3" "$4" > "$OUT/$1.txt"
}
# The server's CPU time so far, in clock ticks (user + system).
sim_cpu() { awk '{ print $14 + $15 }' "/proc/$SIM_PID/stat"; }
rps() { awk '/^Requests\/sec/ { printf "%d", $2 }' "$OUT/$1.txt"; }
pct() { awk -v p="$2%" '$1 == p { print $2 }' "$OUT/$1.txt"; }
bad() { awk -F': ' '/^unexpected answers/ { print $2 }' "$OUT/$1.txt"; }
errs() { grep -E 'Socket errors|Non-2xx' "$OUT/$1.txt" | tr -s ' ' | paste -sd';' - || true; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f%%", 100 * a / b }'; }

echo "== warm-up"
DURATION=2 run warm-nginx "$NGINX_PORT" warm 200
DURATION=2 run warm-sim "$SIM_PORT" warm 200

echo "== $CONNS connections, ${DURATION}s per case"
# Each case right after its own nginx reference: the host's speed drifts by 10-20 % within a run, so a
# reference measured two cases earlier moved the ratio by as much as the changes being measured.
run nginx "$NGINX_PORT" balance 200
run balance "$SIM_PORT" balance 200
run nginx-topup "$NGINX_PORT" balance 200
run topup "$SIM_PORT" topup 200
for r in $(seq 1 "$FLOOD_ROUNDS"); do
    c0=$(sim_cpu)
    DURATION=$FLOOD_DURATION run "quiet-b$r" "$SIM_PORT" "quiet-b$r" 200
    c1=$(sim_cpu)
    echo 0 0 > "$OUT/flood-a$r.cpu"
    DURATION=$FLOOD_DURATION CPU_OUT="$OUT/flood-a$r.cpu" run "flood-a$r" "$SIM_PORT" badsig 401 1 8 &
    FLOOD_PID=$!
    DURATION=$FLOOD_DURATION run "flood-b$r" "$SIM_PORT" "flood-b$r" 200
    wait "$FLOOD_PID"
    c2=$(sim_cpu)
    echo "$((c1 - c0)) $((c2 - c1))" > "$OUT/cpu-round$r.txt"
done

echo "== one 60k-member body"
big_line=$(cat "$OUT/big.txt")
big_headers=$(cut -f3 <<<"$big_line" | tr '|' '\n' | sed 's/^/-H\n/')
cut -f4 <<<"$big_line" > "$OUT/big.json"
mapfile -t hargs <<<"$big_headers"
big=$(curl -s -o "$OUT/big-answer.json" -w '%{http_code} %{time_total}' "${hargs[@]}" \
    --data-binary @"$OUT/big.json" "$BASE$(cut -f2 <<<"$big_line")")
rss=$(awk '/^VmHWM/ { print $2 }' "/proc/$SIM_PID/status")

# --- Report ------------------------------------------------------------------------------------------------
ngx=$(rps nginx)
{
    echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2 -c$CONNS ${DURATION}s, pre-signed unique requests"
    echo "server: $(grep -o 'rejection budget[^)]*' "$OUT/server.log" | head -1 || echo 'no rejection budget (binary before it)')"
    printf '%-34s %9s %9s %9s %8s %s\n' "case" "req/s" "p50" "p99" "vs nginx" "unexpected answers"
    names=(nginx balance nginx-topup topup)
    for r in $(seq 1 "$FLOOD_ROUNDS"); do names+=("quiet-b$r" "flood-b$r" "flood-a$r"); done
    for name in "${names[@]}"; do
        reference=$ngx
        [ "$name" = topup ] && reference=$(rps nginx-topup)
        printf '%-34s %9s %9s %9s %8s %s %s\n' "$name" "$(rps $name)" "$(pct $name 50)" "$(pct $name 99)" \
            "$(ratio "$(rps $name)" "$reference")" "$(bad $name)" "$(errs $name)"
    done
    rounds=""
    for r in $(seq 1 "$FLOOD_ROUNDS"); do
        rounds+="$(awk -v f="$(rps "flood-b$r")" -v q="$(rps "quiet-b$r")" 'BEGIN { printf "%.1f", 100 * f / q }') "
    done
    echo "B during A's wrong-signature flood / B quiet, per round: ${rounds% }%; median $(tr ' ' '\n' <<<"${rounds% }" \
        | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f%%", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')"
    # Each connection waits for its answer before sending again, so per-connection rates compare the server
    # time of one rejection with that of one answer, in the same seconds.
    for r in $(seq 1 "$FLOOD_ROUNDS"); do
        echo "round $r: server time of a rejection / of an answer (per-connection rates, B over A): $(awk \
            -v b="$(rps "flood-b$r")" -v a="$(rps "flood-a$r")" -v c="$CONNS" \
            'BEGIN { printf "%.2f", (b / c) / (a / 8) }')"
    done
    # B's answers per CPU second of the two cores' work the flood adds (the server's and A's wrk), flood over
    # quiet: what B gets of the machine, whatever other processes take of it meanwhile (they move the req/s).
    shares=""
    for r in $(seq 1 "$FLOOD_ROUNDS"); do
        shares+="$(awk -v q="$(rps "quiet-b$r")" -v f="$(rps "flood-b$r")" -v d="$FLOOD_DURATION" -v hz="$(getconf CLK_TCK)" \
            -v c="$(cat "$OUT/cpu-round$r.txt")" -v a="$(cat "$OUT/flood-a$r.cpu" | tail -1)" 'BEGIN {
                split(c, t, " "); split(a, w, " ")
                quiet = q * d / (t[1] / hz); flood = f * d / (t[2] / hz + w[1] + w[2])
                printf "%.1f", 100 * flood / quiet }') "
    done
    echo "B's answers per CPU second (server + A's wrk), flood / quiet, per round: ${shares% }%; median $(tr ' ' '\n' \
        <<<"${shares% }" | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f%%", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')"
    echo "60k-member body: HTTP ${big% *} in ${big#* } s ($(head -c 120 "$OUT/big-answer.json"))"
    echo "snapsim peak RSS: $((rss / 1024)) MiB"
} | tee "$OUT/summary.txt"
