#!/usr/bin/env bash
# Issue 15: how fast a start with `--state` replays its log, in one process (bench/replay: snapsim-replay-bench).
# Serves N signed requests (top-ups and balance inquiries, alternating) to a simulator with durable state and no
# snapshots, closes it, starts again from the directory and prints the records replayed per second; then checks
# that the replayed partner states equal the served ones byte for byte. Defaults: N in 10000 (one snapshot
# interval) and 60000; PARTNERS=1.
#   bash bench/snap/replay.sh            # BENCH_OUT=/tmp/snapsim-replay-bench; REPLAY_BIN=path to skip the build
#   MIX=topup or MIX=balance: requests of that kind only (what each costs to replay)
set -euo pipefail
cd "$(dirname "$0")/../.."

OUT=${BENCH_OUT:-/tmp/snapsim-replay-bench}
COUNTS=${COUNTS:-"10000 60000"}
PARTNERS=${PARTNERS:-1}
rm -rf "$OUT" && mkdir -p "$OUT"
if [ -n "${REPLAY_BIN:-}" ]; then DRIVER=$REPLAY_BIN; else
    swift build -c release --scratch-path .build-bench --product snapsim-replay-bench 2>&1 | tail -1
    DRIVER=.build-bench/release/snapsim-replay-bench
fi
# The defaults plus a customer whose tier takes every top-up (as durable.sh does).
cp -r fixtures "$OUT/fixtures"
python3 bench/snap/bench-fixtures.py "$OUT/fixtures"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for n in $COUNTS; do
    echo "== $n requests, $PARTNERS partner(s)"
    "$DRIVER" "$OUT/fixtures" "$OUT/state" "$n" "$PARTNERS"
done
