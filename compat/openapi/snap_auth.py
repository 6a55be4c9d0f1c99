"""Schemathesis auth hook: signs every generated request as a demo partner of the profile under test, so the
fuzzer's bodies get past the security pipeline and reach the services' own validation.

Loaded by run.sh through SCHEMATHESIS_HOOKS=snap_auth (only for the signed pass). Configuration by environment:
SNAPSIM_URL (base URL), SNAPSIM_PROFILE (profile under test), SNAPSIM_FIXTURES (the fixtures folder, for the
demo partners' keys; they are public sandbox keys). Signing follows the document's security schemes.
"""

import base64
import datetime
import hashlib
import hmac
import itertools
import json
import os
import pathlib

import requests
import schemathesis
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

BASE_URL = os.environ["SNAPSIM_URL"]
PROFILE = os.environ["SNAPSIM_PROFILE"]
FIXTURES = pathlib.Path(os.environ["SNAPSIM_FIXTURES"])
JAKARTA = datetime.timezone(datetime.timedelta(hours=7))
# Unique X-EXTERNAL-ID per request (numeric: ASPI, NICEPAY and BCA ask for digits only).
_EXTERNAL_IDS = itertools.count(int(datetime.datetime.now().timestamp()) * 1000)


def _partner():
    """The first demo partner of the profile that carries a private key, by client id."""
    partners = []
    for name in ("partners.json", "provider-partners.json", "smilepayz.json"):
        path = FIXTURES / name
        if path.exists():
            partners += json.loads(path.read_text()).get("partners", [])
    default = "snap"
    candidates = sorted(
        (p for p in partners if (p.get("profile") or default) == PROFILE and p.get("privateKey")),
        key=lambda p: p["clientId"],
    )
    # The unrestricted demo partner of the snap profile, not the balance-only one.
    candidates.sort(key=lambda p: p.get("services") is not None)
    if not candidates:
        raise SystemExit(f"snap_auth: no demo partner with a private key for profile {PROFILE}")
    return candidates[0]


PARTNER = _partner()
_KEY = serialization.load_pem_private_key(PARTNER["privateKey"].encode(), password=None)


def _rsa(text):
    return base64.b64encode(_KEY.sign(text.encode(), padding.PKCS1v15(), hashes.SHA256())).decode()


def _timestamp():
    now = datetime.datetime.now(JAKARTA).replace(microsecond=0)
    if PROFILE == "doku":  # DOKU writes UTC with Z
        return now.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return now.isoformat()


def _document():
    return requests.get(f"{BASE_URL}/_sim/openapi.json", params={"profile": PROFILE}, timeout=30).json()


def _token_path(document):
    for path, item in document["paths"].items():
        for operation in item.values():
            if operation["operationId"] == f"{PROFILE}.access-token-b2b":
                return path
    return None


def _body_bytes(case):
    """The bytes schemathesis sends for a JSON body (json.dumps), minified as SNAP hashes them."""
    body = getattr(case, "body", None)
    if body is None or type(body).__name__ == "NotSet":
        return b""
    if isinstance(body, (bytes, bytearray)):
        return bytes(body)
    try:
        return json.dumps(body, separators=(",", ":")).encode()
    except (TypeError, ValueError):
        return b""


def _channel():
    channel = PARTNER.get("channelId")
    if channel:
        return channel
    if PROFILE == "nicepay":
        return PARTNER["clientId"] + "01"
    if PROFILE == "doku":
        return "SDK"
    return "95221"


@schemathesis.auth(refresh_interval=600, retry_on=[])
class SNAPPartnerSignature:
    """B2B token once (symmetric partners), then per request: timestamp, external id, signature."""

    def get(self, case, context):
        if PARTNER.get("signing") != "symmetric":
            return ""
        path = _token_path(_document())
        if path is None:
            return ""
        timestamp = _timestamp()
        answer = requests.post(
            BASE_URL + path,
            json={"grantType": "client_credentials"},
            headers={
                "X-TIMESTAMP": timestamp,
                "X-CLIENT-KEY": PARTNER["clientId"],
                "X-SIGNATURE": _rsa(f"{PARTNER['clientId']}|{timestamp}"),
            },
            timeout=30,
        )
        return answer.json().get("accessToken", "")

    def set(self, case, token, context):
        headers = dict(case.headers or {})
        timestamp = _timestamp()
        body = _body_bytes(case)
        method = case.method.upper()
        path = case.formatted_path
        security = {name for requirement in (case.operation.definition.raw.get("security") or []) for name in requirement}
        if "snapTokenSignature" in security:
            headers.update({
                "X-TIMESTAMP": timestamp, "X-CLIENT-KEY": PARTNER["clientId"],
                "X-SIGNATURE": _rsa(f"{PARTNER['clientId']}|{timestamp}"),
            })
        elif "smilePayzSignature" in security:
            minified = body.decode("utf-8", "replace")
            headers.update({
                "X-TIMESTAMP": timestamp, "X-PARTNER-ID": PARTNER["clientId"],
                "X-SIGNATURE": _rsa(f"{timestamp}|{PARTNER['clientSecret']}|{minified}"),
            })
        else:
            digest = hashlib.sha256(body).hexdigest()
            headers.update({
                "X-TIMESTAMP": timestamp, "X-PARTNER-ID": PARTNER["clientId"],
                "X-EXTERNAL-ID": str(next(_EXTERNAL_IDS)), "CHANNEL-ID": _channel(),
            })
            if token:
                text = f"{method}:{path}:{token}:{digest}:{timestamp}"
                signature = hmac.new(PARTNER["clientSecret"].encode(), text.encode(), hashlib.sha512).digest()
                headers["X-SIGNATURE"] = base64.b64encode(signature).decode()
                headers["Authorization"] = f"Bearer {token}"
            else:
                headers["X-SIGNATURE"] = _rsa(f"{method}:{path}:{digest}:{timestamp}")
        case.headers = headers
