#!/usr/bin/env bash
# Proves the static snapsim runs where no Swift is installed.
#
#   scripts/test-static.sh [--libs-only|--debootstrap] [BINARY]   (BINARY defaults to dist/snapsim)
#
# 1. `ldd BINARY` may list only glibc's libraries (libc, libm, libdl, libpthread, librt, libutil, ld-linux,
#    the vDSO) and libstdc++/libgcc_s: no libswift*, no libFoundation*, no libcurl, no ICU.
# 2. The binary runs `serve --port 0 --ready-file` inside a chroot with an empty environment and no
#    LD_LIBRARY_PATH, and a signed call is made from outside (`snapsim sign --target … --send`, which also
#    exercises SimHTTPClient) and must answer 2xx with responseCode 2001100.
#    --debootstrap (the default once .cache/static-rootfs exists): the chroot is a minimal Debian (debootstrap
#      --variant=minbase, from the mirror apt is configured with), cached in .cache/static-rootfs (gitignored)
#      so reruns take seconds.
#    --libs-only (the default otherwise): the chroot holds the binary and exactly the libraries ldd listed, nothing else: faster, and
#      proves the same (no file of the Swift toolchain is reachable).
# Exit status: 0 proven; 1 a check failed; 2 the environment cannot run the proof (not root, no binary).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=""
case "${1:-}" in --libs-only|--debootstrap) mode="$1"; shift ;; esac
binary="${1:-dist/snapsim}"
[ -x "$binary" ] || { echo "test-static: no executable $binary (run scripts/dist.sh)" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "test-static: chroot needs root" >&2; exit 2; }
binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"

echo "== ldd $binary"
ldd "$binary" | sed 's/^/   /'
allowed='^(linux-vdso\.so|libc\.so|libm\.so|libdl\.so|libpthread\.so|librt\.so|libutil\.so|ld-linux[^ ]*\.so|libstdc\+\+\.so|libgcc_s\.so)'
unexpected="$(ldd "$binary" | awk '{print $1}' | sed 's#.*/##' | grep -Ev "$allowed" || true)"
if [ -n "$unexpected" ]; then
    echo "test-static: FAIL: dynamic dependencies beyond glibc/libstdc++/libgcc: $unexpected" >&2
    exit 1
fi
if ldd "$binary" | grep -Eiq 'swift|foundation|curl|icu|xml'; then
    echo "test-static: FAIL: ldd lists a Swift/Foundation/curl/ICU library" >&2
    exit 1
fi
echo "   only glibc (+ libstdc++/libgcc): ok"

if [ -z "$mode" ]; then
    mode="--libs-only"
    if [ -x .cache/static-rootfs/bin/sh ]; then mode="--debootstrap"; fi
fi

if [ "$mode" = "--debootstrap" ]; then
    root=.cache/static-rootfs
    if [ ! -x "$root/bin/sh" ]; then
        command -v debootstrap >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }
        mirror="$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -1)"
        [ -n "$mirror" ] || mirror="$(grep -h '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | head -1)"
        mirror="${mirror:-http://deb.debian.org/debian}"
        echo "== debootstrap --variant=minbase bookworm from $mirror into $root (cached for next time)"
        rm -rf "$root.partial"
        debootstrap --variant=minbase bookworm "$root.partial" "$mirror" >/dev/null
        mv "$root.partial" "$root"
    fi
    if find "$root" -name 'libswift*' -o -name 'libFoundation*' -o -name swift | grep -q .; then
        echo "test-static: FAIL: the rootfs holds Swift files" >&2
        exit 1
    fi
    echo "== chroot: minimal Debian $(cat "$root/etc/debian_version") without Swift"
    cp "$binary" "$root/tmp/snapsim-ldd"
    echo "   ldd inside the chroot:"
    chroot "$root" /usr/bin/ldd /tmp/snapsim-ldd | sed 's/^/     /'
    rm -f "$root/tmp/snapsim-ldd"
else
    root="$(mktemp -d)"
    for lib in $(ldd "$binary" | grep -o '/[^ ]*'); do
        mkdir -p "$root$(dirname "$lib")"
        cp -L "$lib" "$root$lib"
    done
    echo "== chroot: only the binary and $(find "$root" -type f | wc -l) libraries ldd listed"
fi

mkdir -p "$root/opt/snapsim" "$root/tmp" "$root/proc"
# Every Linux has /proc; the Swift runtime reads the command line from /proc/self/cmdline.
mount -t proc proc "$root/proc"
cp "$binary" "$root/opt/snapsim/snapsim"
rm -f "$root/tmp/ready.json"
started=$(date +%s%N)
env -i "$(command -v chroot)" "$root" /opt/snapsim/snapsim serve --port 0 --ready-file /tmp/ready.json >"$root/tmp/serve.log" 2>&1 &
server=$!
cleanup_server() { kill -INT "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
trap 'cleanup_server; umount "$root/proc" 2>/dev/null || true; if [ "$mode" = --libs-only ]; then rm -rf "$root"; fi' EXIT
for _ in $(seq 1 3000); do
    [ -s "$root/tmp/ready.json" ] && break
    kill -0 "$server" 2>/dev/null || { echo "test-static: FAIL: serve exited in the chroot:" >&2; cat "$root/tmp/serve.log" >&2; exit 1; }
    sleep 0.01
done
[ -s "$root/tmp/ready.json" ] || { echo "test-static: FAIL: no ready file after 30 s" >&2; exit 1; }
listening_ms=$(( ($(date +%s%N) - started) / 1000000 ))
ready="$(cat "$root/tmp/ready.json")"
base="$(printf '%s' "$ready" | sed -n 's/.*"baseURL":"\([^"]*\)".*/\1/p')"
echo "   ready in ${listening_ms} ms: $ready"

echo "== signed call from outside the chroot: sign --send to $base"
answer="$("$binary" sign --target "$base" --send --path /v1.0/balance-inquiry \
    --data '{"partnerReferenceNo":"static-1","accountNo":"12345678"}')" || {
    echo "test-static: FAIL: the signed call was not answered 2xx:" >&2; echo "$answer" >&2; exit 1; }
echo "$answer" | grep -q '"responseCode" *: *"2001100"' || {
    echo "test-static: FAIL: no 2001100 in the answer:" >&2; echo "$answer" >&2; exit 1; }
echo "$answer" | grep 'Answer: HTTP' | sed 's/^/   /'
kill -INT "$server"
status=0; wait "$server" || status=$?
[ "$status" = 0 ] || { echo "test-static: FAIL: serve exited $status after SIGINT" >&2; exit 1; }
echo "test-static: PASS ($mode): no Swift runtime needed; serve in a chroot answered a signed call; exit 0 on SIGINT"
