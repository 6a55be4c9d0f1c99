#!/usr/bin/env bash
# Browser suite for the web inspector (issue 16): Debian's Chromium, headless, driven by chromedriver and
# selenium (PyPI) against a live `snapsim serve`. Screenshots of every view go to .build/inspector-screenshots/.
# Installs what it needs, idempotently and quietly: chromium + chromium-driver (apt, as root), selenium (venv).
# Exit status: the test's; 2 when the environment could not be set up.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
venv="${INSPECTOR_VENV:-$here/.venv}"
shots="${INSPECTOR_SCREENSHOTS:-$root/.build/inspector-screenshots}"

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    if [ "$(id -u)" != 0 ]; then
        echo "browser suite: chromium and chromium-driver are missing and installing them needs root" >&2
        exit 2
    fi
    echo "== browser: installing chromium and chromium-driver (apt)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1 \
        || { apt-get update -qq >/dev/null && apt-get install -y -qq chromium chromium-driver >/dev/null; }
fi
if [ ! -x "$venv/bin/python" ]; then
    "${PYTHON:-python3}" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"

(cd "$root" && swift build --product snapsim 2>&1 | tail -1)
bin="$(cd "$root" && swift build --product snapsim --show-bin-path)/snapsim"

log="$(mktemp)"
admin_token="browser-$$-$RANDOM"
"$bin" serve --port 0 --seed 7 --admin-token "$admin_token" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -f "$log"' EXIT

url=""
# Polled every 0.1 s for up to 60 s: a ceiling for a loaded CI machine, not an expected start-up time.
for _ in $(seq 1 600); do
    url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -1 || true)"
    [ -n "$url" ] && break
    if ! kill -0 "$server" 2>/dev/null; then echo "browser: snapsim serve exited early:" >&2; cat "$log" >&2; exit 2; fi
    sleep 0.1
done
[ -n "$url" ] || { echo "browser: snapsim serve printed no address within 60 s:" >&2; cat "$log" >&2; exit 2; }
grep -q "inspector: $url/_sim/ui" "$log" || { echo "browser: the banner does not print the inspector URL:" >&2; cat "$log" >&2; exit 1; }
echo "== browser: snapsim at $url, inspector at $url/_sim/ui"

mkdir -p "$shots"
rm -f "$shots"/*.png
SNAPSIM_URL="$url" SNAPSIM_ADMIN_TOKEN="$admin_token" SCREENSHOTS="$shots" \
    "$venv/bin/python" "$here/inspector_test.py" --partners "$root/fixtures/partners.json"
echo "== browser: screenshots in $shots"
