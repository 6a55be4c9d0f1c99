#!/usr/bin/env bash
# Issue 10's repro: start a server, leave it idle longer than its 10 s header timeout, then call it.
# Before the fix the first connection each event loop accepted after the idle spell was closed unread
# (curl: (52) Empty reply from server, or (56) Connection reset by peer).
#   bash bench/http/idle-gap.sh [SNAPSIM_BINARY]        # default: swift build, then .build/debug/snapsim
# For 1 and 2 event loops: start, sleep 12, then 4 curls at once (so each loop gets at least one, very
# likely); prints how many got an HTTP status and how many got nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-}
if [ -z "$BIN" ]; then
    swift build --product snapsim 2>&1 | tail -1
    BIN="$(swift build --show-bin-path)/snapsim"
fi
PORT=${PORT:-18090}
IDLE=${IDLE:-12}
for loops in 1 2; do
    "$BIN" serve --port "$PORT" --event-loops "$loops" > /tmp/snapsim-idle-gap.log 2>&1 &
    pid=$!
    for _ in $(seq 1 100); do grep -q listening /tmp/snapsim-idle-gap.log && break; sleep 0.1; done
    sleep "$IDLE"
    ok=0
    failed=0
    for i in 1 2 3 4; do
        curl -s -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:$PORT/_sim/health" > "/tmp/snapsim-idle-gap.$i" 2>&1 &
    done
    wait $(jobs -p | grep -v "^$pid$") 2>/dev/null || true
    for i in 1 2 3 4; do
        if grep -q '^[1-5][0-9][0-9]$' "/tmp/snapsim-idle-gap.$i"; then ok=$((ok + 1)); else failed=$((failed + 1)); fi
    done
    kill -INT "$pid"
    wait "$pid" 2>/dev/null || true
    echo "event loops $loops, idle ${IDLE}s: $ok answered, $failed empty or reset"
done
