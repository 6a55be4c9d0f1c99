#!/usr/bin/env bash
# Compatibility suite: drives the official Python SDKs (dana-python, doku-python-library), unmodified, against
# a live snapsim on loopback. Creates its own venv, installs the pinned SDKs from PyPI, builds and starts
# `snapsim serve --port 0` with the built-in default fixtures, runs pytest, and stops the server.
# Exit status: pytest's (non-zero when anything failed); 2 when the environment could not be set up.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
venv="${COMPAT_VENV:-$here/.venv}"

python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
    echo "== compat: creating $venv"
    "$python" -m venv "$venv"
fi
echo "== compat: installing $(grep -v '^#' "$here/requirements.txt" | tr '\n' ' ')"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"

echo "== compat: building snapsim"
(cd "$root" && swift build --product snapsim 2>&1 | tail -1)
bin="$(cd "$root" && swift build --product snapsim --show-bin-path)/snapsim"

log="$(mktemp)"
# Tests that play the customer (snapsim's payer API under /_sim/payer/) need the admin token.
admin_token="compat-$$-$RANDOM"
"$bin" serve --port 0 --seed 7 --admin-token "$admin_token" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -f "$log"' EXIT

url=""
# Polled every 0.1 s for up to 60 s: a ceiling for a loaded CI machine, not an expected start-up time.
for _ in $(seq 1 600); do
    url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -1 || true)"
    [ -n "$url" ] && break
    if ! kill -0 "$server" 2>/dev/null; then
        echo "compat: snapsim serve exited early:" >&2
        cat "$log" >&2
        exit 2
    fi
    sleep 0.1
done
if [ -z "$url" ]; then
    echo "compat: snapsim serve printed no address within 60 s:" >&2
    cat "$log" >&2
    exit 2
fi
echo "== compat: snapsim at $url"

cd "$here"
SNAPSIM_URL="$url" SNAPSIM_ADMIN_TOKEN="$admin_token" "$venv/bin/python" -m pytest -p no:cacheprovider -v "$@"
