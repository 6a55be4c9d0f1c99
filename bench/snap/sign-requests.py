#!/usr/bin/env python3
"""Pre-signs unique SNAP balance inquiries for wrk: one line per request, `X-EXTERNAL-ID<TAB>X-SIGNATURE<TAB>body`.

    python3 bench/snap/sign-requests.py COUNT TOKEN SECRET TIMESTAMP [CHECK_BODY CHECK_SIGNATURE] > requests.tsv

Symmetric SNAP signature (snap.md): Base64(HMAC-SHA512(secret, "POST:/v1.0/balance-inquiry:" + token + ":" +
hex(SHA-256(minified body)) + ":" + timestamp)). With CHECK_BODY and CHECK_SIGNATURE (what `snapsim sign` printed
for that body) it first proves it signs as the simulator expects, and stops if not.
"""
import base64
import hashlib
import hmac
import sys

PATH = "/v1.0/balance-inquiry"


def sign(body, token, secret, timestamp):
    digest = hashlib.sha256(body.encode()).hexdigest()
    text = "POST:%s:%s:%s:%s" % (PATH, token, digest, timestamp)
    return base64.b64encode(hmac.new(secret.encode(), text.encode(), hashlib.sha512).digest()).decode()


def main():
    count, token, secret, timestamp = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    if len(sys.argv) == 7 and sign(sys.argv[5], token, secret, timestamp) != sys.argv[6]:
        sys.exit("sign-requests.py: my signature differs from snapsim sign's; the benchmark would measure rejections")
    out = sys.stdout
    for number in range(count):
        body = '{"partnerReferenceNo":"bench%015d","accountNo":"12345678"}' % number
        out.write("%020d\t%s\t%s\n" % (number + 1, sign(body, token, secret, timestamp), body))


if __name__ == "__main__":
    main()
