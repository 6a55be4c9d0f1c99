#!/usr/bin/env bash
# AES-128-CBC of SNAPCrypto (release, whole-module) against openssl's on the same machine, in the same run.
# Usage: bash bench/crypto/aes.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${root}/bench/out/crypto"
mkdir -p "${out}"
flags=(-O -wmo -swift-version 6 -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility)
mapfile -t sources < <(find "${root}/Sources/SNAPCrypto" -name '*.swift' | sort)
swiftc "${flags[@]}" -parse-as-library -module-name SNAPCrypto \
    -emit-module -emit-module-path "${out}/SNAPCrypto.swiftmodule" \
    -emit-library -static -o "${out}/libSNAPCrypto.a" "${sources[@]}"
swiftc "${flags[@]}" -parse-as-library -module-name AESBench -I "${out}" -L "${out}" -lSNAPCrypto -lm \
    "${root}/bench/crypto/AESBench.swift" -o "${out}/aes-bench"
"${out}/aes-bench"
echo "openssl (reference, encrypt; AES-NI), bytes per second by block size:"
openssl speed -evp aes-128-cbc -seconds 1 -bytes 112 2>/dev/null | tail -1
openssl speed -evp aes-128-cbc -seconds 1 -bytes 16384 2>/dev/null | tail -1
