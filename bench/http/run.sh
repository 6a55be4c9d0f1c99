#!/usr/bin/env bash
# Benchmarks SimServer against nginx on loopback, in one run, on the same machine. See README.md.
#   bash bench/http/run.sh            # DURATION=10s by default
# Prints req/s and p50/p99 latency for both at 64 connections, the ratio, a 1,000-connection keep-alive run
# with the server's RSS, and the server's start-to-listening time.
set -euo pipefail
cd "$(dirname "$0")/../.."

OUT=${BENCH_OUT:-/tmp/snapsim-bench}
DURATION=${DURATION:-10s}
SIM_PORT=${SIM_PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18081}
# A second SimServer with one event loop: it leaves a core to wrk, which is what bounds the tail latency here.
SIM1_PORT=${SIM1_PORT:-18082}
URL_PATH=/v1.0/transfer-intrabank
mkdir -p "$OUT"
ulimit -n 65536 2>/dev/null || ulimit -n 20000 2>/dev/null || true

# --- Tools -------------------------------------------------------------------------------------------------
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if ((${#missing[@]})); then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# --- Build: Package.swift has no benchmark executable, so link one against the release objects ------------
echo "== building (release)"
swift build -c release --scratch-path .build-bench --target SimServer 2>&1 | tail -1
R=.build-bench/release
swiftc -O -parse-as-library bench/http/BenchServer.swift \
    -I "$R/Modules" \
    -Xcc -fmodule-map-file="$R/CEpoll.build/module.modulemap" -Xcc -I -Xcc Sources/CEpoll/include \
    "$R"/SimServer.build/*.o "$R"/SimHTTP.build/*.o "$R"/CEpoll.build/*.o \
    -o "$OUT/bench-server"

# --- Servers -----------------------------------------------------------------------------------------------
cat > "$OUT/nginx.conf" <<NGINX
worker_processes auto;
pid $OUT/nginx.pid;
error_log $OUT/nginx-error.log;
events { worker_connections 8192; }
http {
    access_log off;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$NGINX_PORT reuseport;
        location / {
            default_type application/json;
            return 200 '{"responseCode":"2001100","responseMessage":"Successful"}';
        }
    }
}
NGINX

SIM_PID=""
SIM1_PID=""
NGINX_PID=""
cleanup() {
    [ -n "$SIM_PID" ] && kill -INT "$SIM_PID" 2>/dev/null || true
    [ -n "$SIM1_PID" ] && kill -INT "$SIM1_PID" 2>/dev/null || true
    [ -n "$NGINX_PID" ] && kill -QUIT "$NGINX_PID" 2>/dev/null || true
    wait 2>/dev/null || true
}
trap cleanup EXIT

started=$(date +%s%N)
"$OUT/bench-server" "$SIM_PORT" > "$OUT/server.log" 2>&1 &
SIM_PID=$!
for _ in $(seq 1 200); do grep -q '^listening' "$OUT/server.log" && break; sleep 0.01; done
listening=$(awk '/^listening/ { print $3 }' "$OUT/server.log")
start_ms=$(( (listening - started) / 1000000 ))

"$OUT/bench-server" "$SIM1_PORT" 1 > "$OUT/server1.log" 2>&1 &
SIM1_PID=$!

"$NGINX" -c "$OUT/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
sleep 0.5

# --- Load --------------------------------------------------------------------------------------------------
# run NAME PORT CONNECTIONS DURATION: wrk's report goes to $OUT/NAME.txt.
run() {
    wrk -t2 -c"$3" -d"$4" --latency -s bench/http/post.lua "http://127.0.0.1:$2$URL_PATH" > "$OUT/$1.txt"
}
rps() { awk '/^Requests\/sec/ { printf "%d", $2 }' "$OUT/$1.txt"; }
pct() { awk -v p="$2%" '$1 == p { print $2 }' "$OUT/$1.txt"; }
errors() { grep -E 'Socket errors|Non-2xx' "$OUT/$1.txt" | tr -s ' ' | paste -sd';' - || true; }

echo "== warm-up"
run warm-sim "$SIM_PORT" 64 2s
run warm-nginx "$NGINX_PORT" 64 2s
run warm-sim1 "$SIM1_PORT" 64 2s

echo "== 64 connections, $DURATION each"
run nginx-64 "$NGINX_PORT" 64 "$DURATION"
run sim-64 "$SIM_PORT" 64 "$DURATION"
run sim1loop-64 "$SIM1_PORT" 64 "$DURATION"

echo "== 1000 connections, $DURATION"
run sim-1000 "$SIM_PORT" 1000 "$DURATION" &
WRK_PID=$!
sleep 5
held=$(ss -Htn state established "( sport = :$SIM_PORT )" 2>/dev/null | wc -l || echo "?")
rss_mid=$(awk '/^VmRSS/ { print $2 }' "/proc/$SIM_PID/status")
wait "$WRK_PID"
hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$SIM_PID/status")
run nginx-1000 "$NGINX_PORT" 1000 "$DURATION"

# --- Report ------------------------------------------------------------------------------------------------
sim=$(rps sim-64)
ngx=$(rps nginx-64)
{
    echo "machine: $(nproc) cores, $(uname -sr); wrk -t2 with bench/http/post.lua (JSON POST)"
    printf '%-22s %10s %10s %10s\n' "run" "req/s" "p50" "p99"
    for name in nginx-64 sim-64 sim1loop-64 nginx-1000 sim-1000; do
        printf '%-22s %10s %10s %10s  %s\n' "$name" "$(rps $name)" "$(pct $name 50)" "$(pct $name 99)" "$(errors $name)"
    done
    echo "SimServer / nginx (64 conns): $(awk -v a="$sim" -v b="$ngx" 'BEGIN { printf "%.0f%%", 100 * a / b }')"
    echo "SimServer, one event loop / nginx (64 conns): $(awk -v a="$(rps sim1loop-64)" -v b="$ngx" 'BEGIN { printf "%.0f%%", 100 * a / b }')"
    echo "connections held at 1000-conn load: $held"
    echo "SimServer RSS under 1000-conn load: VmRSS $((rss_mid / 1024)) MiB, VmHWM $((hwm / 1024)) MiB"
    echo "SimServer start-to-listening: ${start_ms} ms (process launch included)"
} | tee "$OUT/summary.txt"
