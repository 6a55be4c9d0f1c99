#!/usr/bin/env bash
# Regenerates the RSA test vectors in this directory with OpenSSL (tested with OpenSSL 3.0).
# Every run makes NEW random keys, so all signatures change too: commit the whole directory together.
# Usage: bash make-vectors.sh   (from any directory)
set -euo pipefail
cd "$(dirname "$0")"

rm -f ./*.pem ./*.der ./*.sig signatures.json
rm -rf messages negative
mkdir -p messages negative

# --- Messages -----------------------------------------------------------------------------------------------
printf '' > messages/empty.txt
printf 'abc' > messages/abc.txt
# A SNAP asymmetric string-to-sign: X-CLIENT-KEY|X-TIMESTAMP (no trailing newline).
printf 'partner-client-001|2024-03-05T17:37:16+07:00' > messages/snap-b2b.txt
openssl rand -out messages/random-1k.bin 1024

# --- Keys: one 2048-bit and one 4096-bit pair, in every format ------------------------------------------------
for bits in 2048 4096; do
    key="rsa${bits}"
    openssl genpkey -quiet -algorithm RSA -pkeyopt "rsa_keygen_bits:${bits}" -out "${key}-private-pkcs8.pem"
    openssl pkey -in "${key}-private-pkcs8.pem" -traditional -out "${key}-private-pkcs1.pem"
    # `openssl pkey -outform DER` writes PKCS#1 and `openssl rsa -outform DER` PKCS#8 for RSA keys in OpenSSL 3.0,
    # so ask for each format explicitly.
    openssl pkcs8 -topk8 -nocrypt -in "${key}-private-pkcs8.pem" -outform DER -out "${key}-private-pkcs8.der"
    openssl rsa -in "${key}-private-pkcs8.pem" -traditional -outform DER -out "${key}-private-pkcs1.der"
    openssl pkey -in "${key}-private-pkcs8.pem" -pubout -out "${key}-public-spki.pem"
    openssl pkey -in "${key}-private-pkcs8.pem" -pubout -outform DER -out "${key}-public-spki.der"
    openssl rsa -in "${key}-private-pkcs8.pem" -RSAPublicKey_out -out "${key}-public-pkcs1.pem"

    for message in messages/*; do
        name="$(basename "${message}")"
        openssl dgst -sha256 -sign "${key}-private-pkcs8.pem" -out "${key}-${name%.*}.sig" "${message}"
        openssl dgst -sha256 -verify "${key}-public-spki.pem" -signature "${key}-${name%.*}.sig" "${message}" >/dev/null
    done
done

# --- Keys this module must reject with a clear error ----------------------------------------------------------
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out negative/ec-private-pkcs8.pem
openssl pkey -in negative/ec-private-pkcs8.pem -pubout -out negative/ec-public-spki.pem
openssl genpkey -quiet -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out negative/rsa-pss-private-pkcs8.pem
openssl pkey -in rsa2048-private-pkcs8.pem -aes-256-cbc -passout pass:snapsim -out negative/encrypted-pkcs8.pem
openssl pkey -in rsa2048-private-pkcs8.pem -traditional -aes-256-cbc -passout pass:snapsim \
    -out negative/encrypted-pkcs1.pem

# --- Manifest: which signature belongs to which key and message -----------------------------------------------
{
    echo '['
    id=0
    for bits in 2048 4096; do
        for message in messages/*; do
            name="$(basename "${message}")"
            id=$((id + 1))
            [ "${id}" -gt 1 ] && echo ','
            printf '  {"tcId": %d, "key": "rsa%s", "message": "%s", "signature": "rsa%s-%s.sig"}' \
                "${id}" "${bits}" "${message}" "${bits}" "${name%.*}"
        done
    done
    echo
    echo ']'
} > signatures.json
echo "Wrote $(ls ./*.sig | wc -l) signatures for $(ls messages | wc -l) messages."
