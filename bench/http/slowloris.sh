#!/usr/bin/env bash
# Slow clients cannot hold the server (issue 10): 300 connections trickle a body at 1 byte/s against
# `snapsim serve --max-connections 200`; a normal client must be served again within the body deadline.
#   bash bench/http/slowloris.sh [SNAPSIM_BINARY]    # TRICKLERS=300 MAX=200 BODY_TIMEOUT=30 HEADER_TIMEOUT=10
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-}
if [ -z "$BIN" ]; then
    swift build --product snapsim 2>&1 | tail -1
    BIN="$(swift build --show-bin-path)/snapsim"
fi
PORT=${PORT:-18091}
TRICKLERS=${TRICKLERS:-300}
MAX=${MAX:-200}
BODY_TIMEOUT=${BODY_TIMEOUT:-30}
HEADER_TIMEOUT=${HEADER_TIMEOUT:-10}
ulimit -n 4096 2>/dev/null || true
"$BIN" serve --port "$PORT" --max-connections "$MAX" --body-timeout "$BODY_TIMEOUT" \
    --header-timeout "$HEADER_TIMEOUT" > /tmp/snapsim-slowloris.log 2>&1 &
pid=$!
trap 'kill -INT $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q listening /tmp/snapsim-slowloris.log && break; sleep 0.1; done
echo "snapsim serve --max-connections $MAX --body-timeout $BODY_TIMEOUT --header-timeout $HEADER_TIMEOUT"
python3 bench/http/slowloris.py "$PORT" "$TRICKLERS" "$((BODY_TIMEOUT * 4))"
