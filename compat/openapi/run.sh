#!/usr/bin/env bash
# OpenAPI check (issue 16): for each profile, fetches GET /_sim/openapi.json?profile=P from a live
# `snapsim serve`, checks it is byte-identical to `snapsim openapi --profile P` (CLI and server agree, the output
# is deterministic), validates it with openapi-spec-validator, then runs schemathesis against the live server
# twice: unsigned (headers and bodies fuzzed; every answer must be a documented SNAP error) and signed as the
# profile's demo partner (snap_auth.py; bodies reach the services' own validation). Fails on a 5xx, a crash, or
# an answer the document does not declare (status, content type, headers, body schema).
#
# Usage: compat/openapi/run.sh [PROFILE…]   (default: every profile)
# Env: OPENAPI_EXAMPLES (schemathesis --max-examples per operation: unsigned pass, doubled for the signed pass; default 6), OPENAPI_VENV, PYTHON.
# Exit status: 0 all passed; 1 a check failed; 2 the environment could not be set up.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${OPENAPI_VENV:-$here/.venv}"
python="${PYTHON:-python3}"
examples="${OPENAPI_EXAMPLES:-6}"
out="$root/.build/openapi"
mkdir -p "$out"

if [ ! -x "$venv/bin/python" ]; then
    echo "== openapi: creating $venv"
    "$python" -m venv "$venv" || exit 2
fi
echo "== openapi: installing $(grep -v '^#' "$here/requirements.txt" | tr '\n' ' ')"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt" || exit 2

echo "== openapi: building snapsim"
(cd "$root" && swift build --product snapsim 2>&1 | tail -1)
bin="$(cd "$root" && swift build --product snapsim --show-bin-path)/snapsim"

ready="$(mktemp)"
log="$(mktemp)"
rm -f "$ready"
"$bin" serve --port 0 --seed 16 --admin-token "openapi-$$" --ready-file "$ready" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -f "$ready" "$log"' EXIT
for _ in $(seq 1 300); do
    [ -s "$ready" ] && break
    if ! kill -0 "$server" 2>/dev/null; then echo "openapi: snapsim serve exited early:" >&2; cat "$log" >&2; exit 2; fi
    sleep 0.1
done
[ -s "$ready" ] || { echo "openapi: snapsim serve did not start within 30 s" >&2; cat "$log" >&2; exit 2; }
url="$("$venv/bin/python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["baseURL"])' "$ready")"
echo "== openapi: snapsim at $url"

if [ "$#" -gt 0 ]; then
    profiles=("$@")
else
    read -r -a profiles <<<"$("$bin" routes | awk 'NR > 1 && !seen[$1]++ { printf "%s ", $1 }')"
fi

failed=()
schemathesis() {
    # One worker: Hypothesis parses lambdas with the ast module, which is not thread-safe on Python 3.11.
    # Checks left out, each because SNAP's documented answer differs from the check's own expectation:
    # - positive_data_acceptance: random schema-valid data is still refused by the ledger (unknown accounts,
    #   404xx..), as a sandbox should;
    # - ignored_auth, missing_required_header: a request without X-SIGNATURE (or without Authorization and
    #   X-SIGNATURE) is answered 400xx02 naming the first missing mandatory header, as SNAP orders its checks;
    #   these checks insist on 401/403. The 400 is declared, and status_code_conformance still holds it to that.
    # Run inside .build/openapi: schemathesis keeps its cache (.schemathesis/) in the working directory.
    (cd "$out" && "$venv/bin/schemathesis" run "$out/$profile.json" --url "$url" --checks all \
        --exclude-checks positive_data_acceptance,ignored_auth,missing_required_header \
        --workers 1 --generation-deterministic --no-color --suppress-health-check all "$@")
}
for profile in "${profiles[@]}"; do
    echo "== openapi: profile $profile"
    curl -sf "$url/_sim/openapi.json?profile=$profile" -o "$out/$profile.json"
    "$bin" openapi --profile "$profile" --server "$url" --compact >"$out/$profile.cli.json"
    # The server's bytes carry no trailing newline; the CLI prints one.
    if ! cmp -s <(cat "$out/$profile.json"; echo) "$out/$profile.cli.json"; then
        echo "openapi: $profile: the served document differs from \`snapsim openapi --profile $profile\`" >&2
        failed+=("$profile:cli"); continue
    fi
    "$venv/bin/openapi-spec-validator" "$out/$profile.json" || { failed+=("$profile:validator"); continue; }
    echo "-- unsigned"
    curl -sf -X POST -H "Authorization: Bearer openapi-$$" "$url/_sim/reset" >/dev/null
    # Unsigned: headers and bodies fuzzed, the coverage phase tries each header missing and malformed.
    schemathesis --phases examples,coverage,fuzzing --max-examples "$examples" \
        --report junit --report-dir "$out/$profile-unsigned" || failed+=("$profile:unsigned")
    if [ "$profile" = e2pay ]; then continue; fi  # E2Pay's OAuth2 forms are not signed requests
    echo "-- signed as the profile's demo partner"
    SNAPSIM_URL="$url" SNAPSIM_PROFILE="$profile" SNAPSIM_FIXTURES="$root/fixtures" \
        SCHEMATHESIS_HOOKS=snap_auth PYTHONPATH="$here" \
        schemathesis --phases fuzzing --max-examples "$((examples * 2))" \
        --report junit --report-dir "$out/$profile-signed" || failed+=("$profile:signed")
done

if [ "${#failed[@]}" -gt 0 ]; then
    echo "openapi: FAILED: ${failed[*]} (documents and reports in $out)" >&2
    exit 1
fi
echo "openapi: every profile's document is valid and schemathesis found nothing (documents in $out)"
