#!/usr/bin/env bash
# Builds SNAPCrypto in release mode (-O, whole-module) as its own module, links the benchmark against it and runs
# it. No Package.swift changes: swiftc is driven directly. Output binary: bench/out/crypto/crypto-bench.
# Usage: bash bench/crypto/run.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${root}/bench/out/crypto"
vectors="${root}/Tests/SNAPCryptoTests/Vectors/rsa"
mkdir -p "${out}"

flags=(-O -wmo -swift-version 6 -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility)
mapfile -t sources < <(find "${root}/Sources/SNAPCrypto" -name '*.swift' | sort)

echo "Compiling SNAPCrypto (${#sources[@]} files) and the benchmark…" >&2
swiftc "${flags[@]}" -parse-as-library -module-name SNAPCrypto \
    -emit-module -emit-module-path "${out}/SNAPCrypto.swiftmodule" \
    -emit-library -static -o "${out}/libSNAPCrypto.a" "${sources[@]}"
swiftc "${flags[@]}" -parse-as-library -module-name CryptoBench -I "${out}" -L "${out}" -lSNAPCrypto -lm \
    "${root}/bench/crypto/CryptoBench.swift" -o "${out}/crypto-bench"

"${out}/crypto-bench" "$(cat "${vectors}/rsa2048-private-pkcs8.pem")" "$(cat "${vectors}/rsa4096-private-pkcs8.pem")"
