#!/usr/bin/env bash
# Builds the files a partner who does not write Swift can use:
#   dist/snapsim                         one executable: Swift runtime, Foundation and Dispatch linked in
#                                        statically; needs only glibc (+ libstdc++/libgcc_s) at run time
#   dist/snapsim-0.1.0-py3-none-*.whl    the pytest plugin (clients/python) with that executable inside
# and prints the binary's size, its dynamic dependencies and its start-to-listening time.
#
#   scripts/dist.sh [--debug] [--no-wheel]
#
# --debug builds without optimisation (much faster; what .ci/run uses to prove the static link).
# The build has its own scratch folder (.build/dist-*, or $SNAPSIM_DIST_SCRATCH), so it never invalidates the
# everyday .build.
set -euo pipefail
cd "$(dirname "$0")/.."
configuration=release
wheel=yes
for argument in "$@"; do
    case "$argument" in
        --debug) configuration=debug ;;
        --no-wheel) wheel=no ;;
        *) echo "usage: scripts/dist.sh [--debug] [--no-wheel]" >&2; exit 64 ;;
    esac
done
scratch="${SNAPSIM_DIST_SCRATCH:-.build/dist-$configuration}"
# -static-stdlib also links Foundation statically; FoundationNetworking (libcurl) is not imported anywhere, so
# nothing pulls curl in. -s strips the symbol table (backtraces still name functions via Swift metadata).
flags=(-c "$configuration" --product snapsim --static-swift-stdlib --scratch-path "$scratch")
[ "$configuration" = release ] && flags+=(-Xlinker -s)

echo "== swift build ${flags[*]}"
started=$(date +%s)
swift build "${flags[@]}" 2>&1 | grep -Ev '^\[[0-9]+/[0-9]+\]' || true
bin="$(swift build "${flags[@]}" --show-bin-path)/snapsim"
[ -x "$bin" ] || { echo "dist: the build produced no $bin" >&2; exit 1; }
mkdir -p dist
cp "$bin" dist/snapsim
echo "   built in $(( $(date +%s) - started )) s"

echo "== dist/snapsim"
echo "   size: $(stat -c %s dist/snapsim) bytes ($(( $(stat -c %s dist/snapsim) / 1024 / 1024 )) MiB)"
echo "   dynamic dependencies:"
ldd dist/snapsim | sed 's/^/     /'

# Start-to-listening: from exec to the ready file (written once the socket listens), best of 5.
best=""
work="$(mktemp -d)"
for run in 1 2 3 4 5; do
    started=$(date +%s%N)
    dist/snapsim serve --port 0 --ready-file "$work/ready-$run" >/dev/null 2>&1 &
    pid=$!
    until [ -s "$work/ready-$run" ]; do
        kill -0 "$pid" 2>/dev/null || { echo "dist: serve exited early" >&2; exit 1; }
        sleep 0.001
    done
    elapsed=$(( ($(date +%s%N) - started) / 1000 ))
    kill -INT "$pid"; wait "$pid" || true
    if [ -z "$best" ] || [ "$elapsed" -lt "$best" ]; then best=$elapsed; fi
done
rm -rf "$work"
echo "   start to listening: $(( best / 1000 )).$(( best % 1000 / 100 )) ms (best of 5; exec to ready file)"

if [ "$wheel" = yes ]; then
    echo "== wheel"
    python3 clients/python/build_wheel.py --binary dist/snapsim --fixtures fixtures --out dist | sed 's/^/   /'
fi
