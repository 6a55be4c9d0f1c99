#!/usr/bin/env bash
# The sample partner suite: installs the snapsim wheel (built by scripts/dist.sh) and dana-python into a clean
# venv and runs test_partner_app.py with the snapsim pytest fixture. Usage: run.sh [path/to/snapsim-*.whl]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
wheel="${1:-$(ls "$root"/dist/snapsim-*.whl 2>/dev/null | head -1)}"
[ $# -gt 0 ] && shift  # what follows the wheel goes to pytest
[ -f "$wheel" ] || { echo "no wheel: run scripts/dist.sh first" >&2; exit 2; }
venv="$(mktemp -d)/venv"
trap 'rm -rf "$(dirname "$venv")"' EXIT
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$wheel" dana-python==2.2.2 pytest==8.3.4
# SNAPSIM_BINARY unset: the fixture must find the binary inside the wheel.
cd "$here"
env -u SNAPSIM_BINARY "$venv/bin/python" -m pytest -p no:cacheprovider -q "$@"
