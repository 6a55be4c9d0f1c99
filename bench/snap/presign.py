#!/usr/bin/env python3
"""Pre-signs SNAP requests for bench/snap/run.sh: fetches a B2B token from a running snapsim, then writes one
file per wrk thread with COUNT requests, each with a unique X-EXTERNAL-ID (numbered from OFFSET) (and partnerReferenceNo for top-ups).

usage: presign.py BASE_URL PARTNER_ID SECRET PRIVATE_KEY_PEM_FILE TIMESTAMP CASE COUNT THREADS OUT_PREFIX OFFSET
CASE: balance | topup | badsig | badkey | big  (big: one balance inquiry whose additionalInfo holds 60k members)
Each output line: METHOD<TAB>PATH<TAB>HEADER: V|HEADER: V...<TAB>BODY (tabs and newlines never occur in them).
"""
import base64, hashlib, hmac, json, subprocess, sys, urllib.request

base, partner, secret, keyfile, ts, case, count, threads, prefix, offset = sys.argv[1:11]
count, threads, offset = int(count), int(threads), int(offset)

def token():
    sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", keyfile], input=f"{partner}|{ts}".encode(),
                         capture_output=True, check=True).stdout
    req = urllib.request.Request(base + "/v1.0/access-token/b2b", method="POST",
                                 data=b'{"grantType":"client_credentials"}',
                                 headers={"Content-Type": "application/json", "X-TIMESTAMP": ts,
                                          "X-CLIENT-KEY": partner, "X-SIGNATURE": base64.b64encode(sig).decode()})
    with urllib.request.urlopen(req) as answer:
        return json.load(answer)["accessToken"]

def cached_token():
    # One token per partner for the whole run (kept next to the request files); retried on a reset.
    path = f"{prefix.rsplit('/', 1)[0]}/{partner}.token"
    try:
        return open(path).read().strip()
    except FileNotFoundError:
        pass
    # SimServer may reset the first connection after an idle spell (issue 10): try a few times.
    for attempt in range(5):
        try:
            value = token()
            break
        except (ConnectionError, OSError):
            if attempt == 4:
                raise
    open(path, "w").write(value)
    return value

tok = cached_token()
key = secret.encode()

def signed(path, body, ext, bad=False):
    text = f"POST:{path}:{tok}:{hashlib.sha256(body.encode()).hexdigest()}:{ts}"
    # bad="key": a wrong client secret (64 bytes, every diagnosis candidate is tried); bad=True: 65 bytes decoded.
    signing_key = b"not-" + key if bad == "key" else key
    sig = base64.b64encode(hmac.new(signing_key, text.encode(), hashlib.sha512).digest()).decode()
    if bad is True:
        sig = sig[:-4] + ("AAA=" if not sig.endswith("AAA=") else "BBB=")
    headers = {"Content-Type": "application/json", "Authorization": "Bearer " + tok, "X-TIMESTAMP": ts,
               "X-SIGNATURE": sig, "X-PARTNER-ID": partner, "X-EXTERNAL-ID": ext, "CHANNEL-ID": "95221"}
    return "POST\t" + path + "\t" + "|".join(f"{k}: {v}" for k, v in headers.items()) + "\t" + body

def balance(n):
    return signed("/v1.0/balance-inquiry",
                  json.dumps({"partnerReferenceNo": f"B{n}", "accountNo": "12345678"}, separators=(",", ":")),
                  f"{n:020d}")

def topup(n):
    body = {"partnerReferenceNo": f"T{n:020d}", "customerNumber": "081900000001",
            "amount": {"value": "1.00", "currency": "IDR"}}
    return signed("/v1.0/emoney/topup", json.dumps(body, separators=(",", ":")), f"{n:020d}")

if case == "big":
    # 60,000 members in six objects of 10,000: JSONLimits.standard refuses more than 10,000 members in one object
    # (answered 400 naming maximumMembers), so a valid body this large spreads them.
    info = {f"part{p}": {f"k{i}": i for i in range(p * 10000, (p + 1) * 10000)} for p in range(6)}
    body = json.dumps({"partnerReferenceNo": "BIG", "accountNo": "12345678", "additionalInfo": info},
                      separators=(",", ":"))
    line = signed("/v1.0/balance-inquiry", body, "9" * 20)
    with open(prefix + ".txt", "w") as out:
        out.write(line + "\n")
    sys.exit(0)

for t in range(threads):
    with open(f"{prefix}-{t + 1}.txt", "w") as out:
        for i in range(count // threads):
            n = offset + t * 10**7 + i
            if case == "balance":
                out.write(balance(n) + "\n")
            elif case == "topup":
                out.write(topup(n) + "\n")
            elif case in ("badsig", "badkey"):
                out.write(signed("/v1.0/balance-inquiry", json.dumps({"partnerReferenceNo": f"X{n}",
                          "accountNo": "12345678"}, separators=(",", ":")), f"{n:020d}",
                          bad=True if case == "badsig" else "key") + "\n")
