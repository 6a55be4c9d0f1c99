#!/usr/bin/env bash
# Where the CPU of a run goes, per request: the server's user and kernel time, minor page faults and context
# switches (from /proc/PID/stat and /proc/PID/task/*/status, before and after each case) and wrk's own user and
# kernel time (/usr/bin/time), for nginx (with the balance inquiries' and with the top-ups' request bytes),
# balance inquiries and top-ups, one server, wrk -t2 -c64 as in run.sh. On two cores the client and the server
# share the CPU: this tells how much of a case's rate the client takes. See README.md ("Top-up throughput").
#   SNAPSIM_BIN=.build-bench/release/snapsim BENCH_OUT=/tmp/snapsim-cost bash bench/snap/cost.sh   # DURATION=10
# PROF=rec (perf record -g, 1999 Hz) or PROF=events (page faults, futex calls, context switches with call graphs)
# records seconds 3-7 of each simulator case, with perf stat counts; bench/snap/perf-split.py sums a recording.
# PROF=sched records every context switch of the whole machine during the whole case (`perf sched record -a`):
# `perf sched timehist -i OUT/CASE.sched` then says which thread waited how long, and for what.
set -euo pipefail
cd "$(dirname "$0")/../.."

OUT=${BENCH_OUT:-/tmp/snapsim-cost}
DURATION=${DURATION:-10}
CONNS=${CONNS:-64}
SIM_PORT=${SIM_PORT:-18094}
NGINX_PORT=${NGINX_PORT:-18095}
PER_SECOND=${PER_SECOND:-45000}
# CASES: nginx, nginx-topup, balance, topup, idle (DURATION seconds of nothing), in the order given.
CASES=${CASES:-"nginx nginx-topup balance topup"}
TS=2026-01-15T09:00:00+07:00
BASE="http://127.0.0.1:$SIM_PORT"
A=snapsim-demo
mkdir -p "$OUT"
ulimit -n 65536 2>/dev/null || true
for tool in wrk curl python3 openssl /usr/bin/time; do
    command -v $tool >/dev/null || { echo "needs $tool (apt-get install time for /usr/bin/time)"; exit 1; }
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

SNAPSIM=${SNAPSIM_BIN:-.build-bench/release/snapsim}
[ -x "$SNAPSIM" ] || swift build -c release --scratch-path .build-bench --product snapsim 2>&1 | tail -1
rm -rf "$OUT/fixtures" "$OUT"/*.token && cp -r fixtures "$OUT/fixtures"
python3 bench/snap/bench-fixtures.py "$OUT/fixtures" "$A"
source bench/snap/nginx-canned.sh
write_nginx_conf "$OUT" "$NGINX_PORT"

"$SNAPSIM" serve --port "$SIM_PORT" --clock "$TS" --seed 7 --fixtures "$OUT/fixtures" --admin-token bench ${SIM_ARGS:-} \
    > "$OUT/server.log" 2>&1 &
SIM_PID=$!
"$NGINX" -c "$OUT/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
trap 'kill -INT $SIM_PID 2>/dev/null || true; kill -QUIT $NGINX_PID 2>/dev/null || true; wait 2>/dev/null || true' EXIT
for _ in $(seq 1 500); do curl -sf "$BASE/_sim/health" >/dev/null 2>&1 && break; sleep 0.02; done
kill -0 "$SIM_PID" 2>/dev/null || { cat "$OUT/server.log"; exit 1; }

count=$((PER_SECOND * DURATION))
for case in balance topup; do
    python3 bench/snap/presign.py "$BASE" "$A" "$(cat "$OUT/$A.secret")" "$OUT/$A.key" "$TS" "$case" "$count" 2 \
        "$OUT/$case" $([ "$case" = balance ] && echo 100000000 || echo 300000000)
done
python3 bench/snap/presign.py "$BASE" "$A" "$(cat "$OUT/$A.secret")" "$OUT/$A.key" "$TS" balance 150000 2 \
    "$OUT/warm" 0
# Every request as sent (.wire), as run.sh does: from the lines, wrk's Lua builds each thread's requests for
# 1.5-2.5 s one thread after the other, and the first thread drives the server alone meanwhile, before wrk's clock
# starts but in its counts and latencies (README.md, "Top-up after other load"). WIRE=0: the lines, as before.
rm -f "$OUT"/*.wire
[ "${WIRE:-1}" = 0 ] || python3 bench/snap/wire.py "$OUT"/{balance,topup,warm}-[0-9].txt

# ticks PID...: utime+stime (clock ticks) and minor faults summed over the processes; ctxsw: both kinds, all threads.
stat_of() { for p in "$@"; do awk '{ print $14, $15, $10 }' "/proc/$p/stat"; done | \
    awk '{ u += $1; s += $2; f += $3 } END { print u, s, f }'; }
ctxsw_of() { for p in "$@"; do cat /proc/"$p"/task/*/status; done | \
    awk '/ctxt_switches/ { n += $2 } END { print n }'; }
hz=$(getconf CLK_TCK)

# measure NAME PORT PREFIX PID...: runs wrk under /usr/bin/time; prints one line of figures per request answered
# (wrk's count). The server's figures cover exactly the requests wrk counted; wrk's own include reading its
# request files (~1-2 µs a request at 225k requests a thread).
measure() {
    local name=$1 port=$2 prefix=$3; shift 3
    local before ctx_before after ctx_after
    before=$(stat_of "$@"); ctx_before=$(ctxsw_of "$@")
    if [ -n "${PROF:-}" ]; then  # seconds 3-7 of the case; see README.md, "Top-up throughput, fifth round"
        local pids; pids=$(echo "$@" | tr ' ' ',')
        ( sleep 3; timeout -s INT 4 perf stat -e context-switches,page-faults,syscalls:sys_enter_futex,syscalls:sys_enter_recvfrom \
            --per-thread -p "$pids" -o "$OUT/$name.pstat" ) &
        ( sleep 3; perf stat -a -e context-switches,syscalls:sys_enter_epoll_wait -o "$OUT/$name.wstat" -- sleep 4 ) &
        case $PROF in
            rec) ( sleep 3; timeout -s INT 4 perf record -F 1999 -g -p "$pids" -o "$OUT/$name.perf" >/dev/null 2>&1 ) & ;;
            events) ( sleep 3; timeout -s INT 4 perf record -e page-faults,syscalls:sys_enter_futex,sched:sched_switch -g \
                -p "$pids" -o "$OUT/$name.events" >/dev/null 2>&1 ) & ;;
            # The whole case, system-wide: every switch and wake-up, for `perf sched timehist` (who waited, how long).
            sched) ( timeout -s INT "$((DURATION + 1))" perf sched record -a -o "$OUT/$name.sched" >/dev/null 2>&1 ) & ;;
        esac
    fi
    /usr/bin/time -f '%U %S' -o "$OUT/$name.time" wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency \
        -s bench/snap/cycle.lua "http://127.0.0.1:$port" -- "$OUT/$prefix" 200 > "$OUT/$name.txt"
    after=$(stat_of "$@"); ctx_after=$(ctxsw_of "$@")
    local n rps p99
    n=$(awk '/requests in/ { print $1 }' "$OUT/$name.txt")
    rps=$(awk '/^Requests\/sec/ { printf "%d", $2 }' "$OUT/$name.txt")
    p99=$(awk '$1 == "99%" { print $2 }' "$OUT/$name.txt")
    awk -v name="$name" -v n="$n" -v rps="$rps" -v p99="$p99" -v hz="$hz" -v b="$before" -v a="$after" \
        -v cb="$ctx_before" -v ca="$ctx_after" -v w="$(cat "$OUT/$name.time")" 'BEGIN {
        split(b, B, " "); split(a, A, " "); split(w, W, " ")
        us = 1e6 / hz / n
        printf "%-13s %8d %9s %9.2f %9.2f %9.3f %9.3f %9.2f %9.2f\n", name, rps, p99, (A[1] - B[1]) * us,
            (A[2] - B[2]) * us, (A[3] - B[3]) / n, (ca - cb) / n, W[1] * 1e6 / n, W[2] * 1e6 / n }'
}

wrk -t2 -c"$CONNS" -d2s -s bench/snap/cycle.lua "$BASE" -- "$OUT/warm" 200 > "$OUT/warm.txt"
{
    echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2 -c$CONNS ${DURATION}s; per request:"
    printf '%-13s %8s %9s %9s %9s %9s %9s %9s %9s\n' case req/s p99 "srv usr" "srv sys" "minflt" "ctxsw" \
        "wrk usr" "wrk sys"
    printf '%-13s %8s %9s %9s %9s %9s %9s %9s %9s\n' "" "" "" "µs" "µs" "" "" "µs" "µs"
} | tee "$OUT/summary.txt"
workers=$(pgrep -P "$NGINX_PID" | paste -sd' ')
for case in $CASES; do
    case $case in
        nginx) measure nginx "$NGINX_PORT" balance $workers ;;
        nginx-topup) measure nginx-topup "$NGINX_PORT" topup $workers ;;
        idle) sleep "$DURATION" ;;  # the server idles, as during run.sh's nginx case between balance and top-up
        *) measure "$case" "$SIM_PORT" "$case" "$SIM_PID" ;;
    esac
done | tee -a "$OUT/summary.txt"
echo "snapsim RSS: $(awk '/^VmRSS/ { printf "%d MiB", $2 / 1024 }' "/proc/$SIM_PID/status"); load after: $(cut -d' ' -f1-3 /proc/loadavg)" \
    | tee -a "$OUT/summary.txt"
