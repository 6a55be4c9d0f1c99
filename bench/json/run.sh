#!/usr/bin/env bash
# Times SimJSON on hostile bodies: a SNAP request whose additionalInfo holds 30,000 and 60,000 members.
# Builds SimJSON in release (-O, whole-module) twice — from the working tree and from a baseline commit
# (default: fd26275, the first SimJSON, objects with linear lookup) — links JSONBench.swift against each and
# prints the median parse (tree) and validate/minify (no tree) times, and the ratio.
# Usage: bash bench/json/run.sh [baseline-commit]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
baseline="${1:-fd26275}"
out="${root}/bench/out/json"
flags=(-O -wmo -swift-version 6 -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility)

build() { # name, source folder, extra flags…
    local name="$1" folder="$2"; shift 2
    mkdir -p "${out}/${name}"
    mapfile -t sources < <(find "${folder}" -name '*.swift' | sort)
    swiftc "${flags[@]}" -parse-as-library -module-name SimJSON \
        -emit-module -emit-module-path "${out}/${name}/SimJSON.swiftmodule" \
        -emit-library -static -o "${out}/${name}/libSimJSON.a" "${sources[@]}"
    swiftc "${flags[@]}" "$@" -parse-as-library -module-name JSONBench -I "${out}/${name}" -L "${out}/${name}" \
        -lSimJSON "${root}/bench/json/JSONBench.swift" -o "${out}/${name}/json-bench"
}

echo "Compiling SimJSON at ${baseline} and in the working tree…" >&2
rm -rf "${out}/baseline-src" && mkdir -p "${out}/baseline-src"
git -C "${root}" archive "${baseline}" Sources/SimJSON | tar -x -C "${out}/baseline-src"
build baseline "${out}/baseline-src/Sources/SimJSON"
build current "${root}/Sources/SimJSON" -D SIMJSON_LIMITS

echo "== baseline ${baseline}"; "${out}/baseline/json-bench"
echo "== working tree"; "${out}/current/json-bench"
