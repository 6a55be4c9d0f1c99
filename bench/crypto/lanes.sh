#!/usr/bin/env bash
# Wall clock of SNAPCrypto's SHA-512 lanes against the scalar compression, and of a 40-message HMAC batch against
# one MAC at a time (bench/crypto/lanes/LanesBench.swift). SNAPCrypto is built -O -wmo -enable-testing as its own
# module, like bench/crypto/run.sh. Best of seven runs of 0.2 s each; note the load average beside the figures.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${root}/bench/out/crypto-lanes"
mkdir -p "${out}"
flags=(-O -wmo -swift-version 6 -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility)
mapfile -t sources < <(find "${root}/Sources/SNAPCrypto" -name '*.swift' | sort)
swiftc "${flags[@]}" -enable-testing -parse-as-library -module-name SNAPCrypto \
    -emit-module -emit-module-path "${out}/SNAPCrypto.swiftmodule" \
    -emit-library -static -o "${out}/libSNAPCrypto.a" "${sources[@]}"
swiftc "${flags[@]}" -parse-as-library -module-name LanesBench -I "${out}" -L "${out}" -lSNAPCrypto -lm \
    "${root}/bench/crypto/lanes/LanesBench.swift" -o "${out}/lanes-bench"
uptime
"${out}/lanes-bench"
