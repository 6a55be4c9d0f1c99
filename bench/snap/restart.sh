#!/usr/bin/env bash
# Issue 15: the start time of state directories, alternated so that each one sees the same load. Each case is a
# binary and a state directory (e.g. the ones two durable.sh runs left); each round copies the directory and
# times `serve --state COPY` until it listens (the directory is never changed).
#   bash bench/snap/restart.sh BIN=STATE_DIR [BIN=STATE_DIR ...]     # ROUNDS=5
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-5}
PORT=${PORT:-18096}
WORK=$(mktemp -d /tmp/snapsim-restart.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $ROUNDS rounds"
declare -A TIMES
for round in $(seq 1 "$ROUNDS"); do
    for case in "$@"; do
        bin=${case%%=*}; dir=${case#*=}
        rm -rf "$WORK/state" "$WORK/ready" && cp -r "$dir" "$WORK/state" && rm -f "$WORK/state/LOCK"
        sync
        t0=$(date +%s.%N)
        "$bin" serve --port "$PORT" --admin-token bench --ready-file "$WORK/ready" --state "$WORK/state" > "$WORK/log" 2>&1 &
        pid=$!
        while [ ! -s "$WORK/ready" ]; do
            kill -0 "$pid" 2>/dev/null || { cat "$WORK/log"; exit 1; }
            sleep 0.01
        done
        t1=$(date +%s.%N)
        kill -INT "$pid"; wait "$pid" 2>/dev/null || true
        TIMES[$case]="${TIMES[$case]:-} $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')"
    done
done
for case in "$@"; do
    median=$(echo ${TIMES[$case]} | tr ' ' '\n' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    echo "$case: median $median s (${TIMES[$case]# } s)"
done
