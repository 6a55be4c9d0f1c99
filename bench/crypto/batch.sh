#!/usr/bin/env bash
# Wall clock of a 40-message HMAC-SHA512 batch against one MAC at a time (bench/crypto/batch/BatchBench.swift).
# SNAPCrypto is built -O -wmo as its own module, like bench/crypto/run.sh. Best of seven runs of 0.2 s each;
# note the load average printed beside the figures.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${root}/bench/out/crypto-batch"
mkdir -p "${out}"
flags=(-O -wmo -swift-version 6 -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility)
mapfile -t sources < <(find "${root}/Sources/SNAPCrypto" -name '*.swift' | sort)
swiftc "${flags[@]}" -parse-as-library -module-name SNAPCrypto \
    -emit-module -emit-module-path "${out}/SNAPCrypto.swiftmodule" \
    -emit-library -static -o "${out}/libSNAPCrypto.a" "${sources[@]}"
swiftc "${flags[@]}" -parse-as-library -module-name BatchBench -I "${out}" -L "${out}" -lSNAPCrypto -lm \
    "${root}/bench/crypto/batch/BatchBench.swift" -o "${out}/batch-bench"
uptime
"${out}/batch-bench"
