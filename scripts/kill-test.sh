#!/usr/bin/env bash
# Issue 15's long kill test: the harness of `swift test --filter DurableKillTests`, with 25 SIGKILLs (or
# KILLS=N) of `snapsim serve --state DIR` under concurrent signed top-ups, each at a random moment, each
# followed by a restart; then every request is sent again and the balance checked (see the test's comments).
set -euo pipefail
cd "$(dirname "$0")/.."
KILLS=${KILLS:-25}
echo "== $KILLS kills (SNAPSIM_KILL_ROUNDS=$KILLS swift test --filter DurableKillTests)"
SNAPSIM_KILL_ROUNDS=$KILLS swift test --filter DurableKillTests 2>&1 | grep -vE "^\[[0-9]+/[0-9]+\]|^Building|^Build complete" | tail -20
