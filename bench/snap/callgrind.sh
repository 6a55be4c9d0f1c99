#!/usr/bin/env bash
# Instructions per signed request, counted by valgrind's callgrind: repeatable on a loaded machine where wall-clock
# throughput is not. Runs `snapsim-bench` (bench/driver: the server's per-request work in one process — HTTP
# parser, Simulator.respond, response encoder — over unique pre-signed requests) under callgrind, counting only
# the measured requests (after WARM warm-up ones), and prints instructions per request.
#   bash bench/snap/callgrind.sh                        # balance, top-up, wrong signature; run.sh's fixtures
#   SETS="default accounts rules-1k rules-10k partners-1k" bash bench/snap/callgrind.sh   # issue 17's sets
#   NO_EXPLAIN=1 bash bench/snap/callgrind.sh          # the simulator as `serve --no-explain`
# (valgrind 3.19 cannot run the server itself: it crashes on libdispatch's main-thread parking.)
set -euo pipefail
cd "$(dirname "$0")/../.."

OUT=${BENCH_OUT:-/tmp/snapsim-callgrind}
N=${N:-500}
WARM=${WARM:-100}
# badsig: a signature 65 bytes long once decoded; badkey: 64 bytes, a wrong secret (what run.sh floods with);
# badclient: an X-PARTNER-ID that is no partner; badtoken: signed with a token never issued; expired: signed
# with a token whose lifetime ran out (the frozen clock moved on by an hour).
CASES=${CASES:-"balance topup badsig badkey badclient badtoken expired"}
SETS=${SETS:-""}
mkdir -p "$OUT"
command -v valgrind >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null; }

if [ -n "${BENCH_BIN:-}" ]; then
    DRIVER=$BENCH_BIN
else
    swift build -c release --scratch-path .build-bench --product snapsim-bench 2>&1 | tail -1
    DRIVER=.build-bench/release/snapsim-bench
fi

# count LABEL FIXTURES CASE: instructions per request, one line.
count() {
    local log="$OUT/$1-$3.log"
    valgrind --tool=callgrind --toggle-collect='*measuredRequests*' --callgrind-out-file="$OUT/$1-$3.callgrind" \
        "$DRIVER" "$2" "$3" "$N" "$WARM" ${NO_EXPLAIN:+--no-explain} > "$log" 2>&1 || { cat "$log"; exit 1; }
    local ir
    ir=$(awk '/Collected :/ { print $NF }' "$log")
    printf '%-12s %-8s %9d instructions/request\n' "$1" "$3" $((ir / N)) | tee -a "$OUT/summary.txt"
}

: > "$OUT/summary.txt"
if [ -z "$SETS" ]; then
    # run.sh's fixtures: the defaults plus a tier and customer that can take a top-up per request.
    rm -rf "$OUT/fixtures" && cp -r fixtures "$OUT/fixtures"
    python3 bench/snap/bench-fixtures.py "$OUT/fixtures"
    for case in $CASES; do count run-sh "$OUT/fixtures" "$case"; done
    awk '$2 == "balance" { b = $3 } $2 == "badsig" && b { printf "wrong signature / balance inquiry: %.2f\n", $3 / b }
        $2 == "badkey" && b { printf "wrong key / balance inquiry: %.2f\n", $3 / b }
        $2 == "badclient" && b { printf "unknown client / balance inquiry: %.2f\n", $3 / b }
        $2 == "badtoken" && b { printf "unknown token / balance inquiry: %.2f\n", $3 / b }
        $2 == "expired" && b { printf "expired token / balance inquiry: %.2f\n", $3 / b }' \
        "$OUT/summary.txt" | tee -a "$OUT/summary.txt"
else
    python3 bench/snap/generate-fixtures.py "$OUT/sets" >/dev/null
    for set in $SETS; do count "$set" "$OUT/sets/$set" balance; done
    first=${SETS%% *}
    awk -v first="$first" '$1 == first { base = $3 } base { printf "%-12s instructions ratio to %s: %.3f\n", $1, first, $3 / base }' \
        "$OUT/summary.txt" | tee -a "$OUT/summary.txt"
fi
