"""Issue 14: snapsim's notifications judged by the providers' own receiver code, run as the partner's webhook
(compat/webhook.py): DANA's `WebhookParser` (dana-python 2.2.2) verifies the finish notify of the `dana` profile;
DOKU's `validate_signature` / `generate_token_b2b` / `validate_token_b2b` / `generate_notification_response`
(doku-python-library 1.1.72) handle the `doku` profile's token request and VA payment notification. The public key
the receivers verify with is the one snapsim publishes at GET /_sim/keys.
"""
import json
import os
import pathlib
import time
import urllib.request

import pytest
from dana.webhook import WebhookParser
from doku_python_library.src.commons import config as doku_config
from doku_python_library.src.snap import DokuSNAP

from test_va import admin
from webhook import Webhook


def published_key(base_url):
    with urllib.request.urlopen(base_url + "/_sim/keys", timeout=5) as response:
        keys = json.loads(response.read())["keys"]
    # The SNAP providers' notifications are signed with snapsim's own key (NICEPAY and SmilePayz have theirs).
    return next(key["publicKey"] for key in keys if key["name"] == "snapsim-provider")


def wait_for(base_url, partner, count, state="delivered", timeout=30):
    """Polls the delivery log until `count` deliveries of `partner` are in `state`."""
    deadline = time.monotonic() + timeout
    while True:
        _, listing = admin(base_url, "GET", f"/_sim/notifications?partner={partner}")
        done = [d for d in listing["deliveries"] if d["state"] == state]
        if len(done) >= count or time.monotonic() > deadline:
            return listing["deliveries"]
        time.sleep(0.05)


def wait_until(base_url, partner, condition, timeout=30):
    """Polls the delivery log until `condition(deliveries)` holds (or the timeout passes)."""
    deadline = time.monotonic() + timeout
    while True:
        _, listing = admin(base_url, "GET", f"/_sim/notifications?partner={partner}")
        if condition(listing["deliveries"]) or time.monotonic() > deadline:
            return listing["deliveries"]
        time.sleep(0.05)


DANA_FINISH = {
    "originalPartnerReferenceNo": "DD-COMPAT-1", "originalReferenceNo": "20261121000000000001",
    "merchantId": "216620000000000000000", "amount": {"value": "15000.00", "currency": "IDR"},
    "latestTransactionStatus": "00", "transactionStatusDesc": "Success",
    "createdTime": "2026-11-21T18:19:47+07:00", "finishedTime": "2026-11-21T18:20:00+07:00",
}


@pytest.fixture
def dana_webhook(base_url, monkeypatch):
    # Outside "sandbox" the parser verifies with the key it is given instead of DANA's own sandbox key.
    monkeypatch.setenv("DANA_ENV", "production")
    hook = Webhook(dana_parser=WebhookParser(public_key=published_key(base_url)))
    # Other suites' flows (direct debit, payment gateway) leave this partner's not-sent deliveries in the log:
    # start from a clean partner so that the first delivery listed is this test's.
    admin(base_url, "POST", "/_sim/reset?partner=snapsim-dana")
    status, _ = admin(base_url, "PUT", "/_sim/notifications/endpoints?partner=snapsim-dana", {"default": hook.url})
    assert status == 200
    yield hook
    admin(base_url, "POST", "/_sim/reset?partner=snapsim-dana")
    hook.close()


def test_dana_finish_notify_verified_by_webhook_parser(base_url, dana_webhook):
    status, sent = admin(base_url, "POST", "/_sim/notifications?partner=snapsim-dana",
                         {"kind": "direct-debit", "transactionRef": "DD-COMPAT-1", "fields": DANA_FINISH})
    assert status == 202, sent
    deliveries = wait_for(base_url, "snapsim-dana", 1)
    assert deliveries[0]["state"] == "delivered", deliveries
    path, headers, body, verdict = dana_webhook.received[0]
    assert path == "/v1.0/debit/notify"
    assert verdict == "dana:00"
    assert deliveries[0]["attempts"][0]["verdict"] == "delivered (2005600)"


def test_dana_bad_signature_refused_by_webhook_parser_then_retried(base_url, dana_webhook):
    admin(base_url, "POST", "/_sim/notifications/faults?partner=snapsim-dana", {"fault": "bad-signature"})
    admin(base_url, "POST", "/_sim/notifications?partner=snapsim-dana",
          {"kind": "direct-debit", "transactionRef": "DD-COMPAT-2", "fields": DANA_FINISH})
    # "scheduled" is also the state before the first attempt: wait for the attempt itself.
    deliveries = wait_until(base_url, "snapsim-dana", lambda ds: bool(ds) and bool(ds[0]["attempts"]))
    assert deliveries[0]["state"] == "scheduled", deliveries
    assert dana_webhook.received[0][3] == "dana:rejected:Signature verification failed."
    assert deliveries[0]["attempts"][0]["verdict"] == "rejected: HTTP 401"


def test_dana_out_of_order_pending_after_success(base_url, dana_webhook):
    admin(base_url, "POST", "/_sim/notifications/faults?partner=snapsim-dana", {"fault": "out-of-order"})
    admin(base_url, "POST", "/_sim/notifications?partner=snapsim-dana",
          {"kind": "direct-debit", "transactionRef": "DD-COMPAT-3", "fields": DANA_FINISH})
    wait_for(base_url, "snapsim-dana", 2)
    assert [r[3] for r in dana_webhook.received] == ["dana:00", "dana:03"]


@pytest.fixture
def doku_webhook(base_url, partners):
    doku_config._Development.BASE_URL = base_url
    partner = partners["snapsim-doku"]
    # The merchant's DokuSNAP: DOKU's public key is snapsim's published notification key.
    snap = DokuSNAP(private_key=partner["privateKey"], client_id=partner["clientId"], is_production=False,
                    public_key=published_key(base_url), issuer="snapsim", secret_key=partner["clientSecret"],
                    merchant_public_key=partner["publicKey"])
    hook = Webhook(doku_snap=snap)
    admin(base_url, "POST", "/_sim/reset?partner=snapsim-doku")  # as for DANA: a clean delivery log
    status, _ = admin(base_url, "PUT", "/_sim/notifications/endpoints?partner=snapsim-doku", {"default": hook.url})
    assert status == 200
    yield hook
    admin(base_url, "POST", "/_sim/reset?partner=snapsim-doku")
    hook.close()


def test_doku_token_then_va_payment_notification(base_url, doku_webhook):
    status, sent = admin(base_url, "POST", "/_sim/notifications?partner=snapsim-doku", {
        "kind": "va-payment", "transactionRef": "PAY-DOKU-1",
        "fields": {"partnerServiceId": "  888994", "customerNo": "00000000000000000001",
                   "virtualAccountNo": "  88899400000000000000000001", "virtualAccountName": "Toru Yamashita",
                   "trxId": "INV-DOKU-1", "paymentRequestId": "PAY-DOKU-1",
                   "trxDateTime": "2026-11-21T18:19:47+07:00",
                   "paidAmount": {"value": "150000.00", "currency": "IDR"}}})
    assert status == 202, sent
    deliveries = wait_for(base_url, "snapsim-doku", 1)
    assert deliveries[0]["state"] == "delivered", deliveries
    verdicts = [r[3] for r in doku_webhook.received]
    assert verdicts == ["token:2007300", "doku:2002500"]
    path, headers, body, _ = doku_webhook.received[1]
    assert path == "/v1.1/transfer-va/payment"
    assert set(json.loads(body)) <= {"partnerServiceId", "customerNo", "virtualAccountNo", "virtualAccountName", "trxId",
                                     "paymentRequestId", "trxDateTime", "paidAmount", "virtualAccountEmail",
                                     "virtualAccountPhone", "additionalInfo"}


def static_qris(merchant_id):
    merchants = json.loads((pathlib.Path(__file__).resolve().parent.parent / "fixtures" / "merchants.json").read_text())
    return next(m["staticQRIS"] for m in merchants["merchants"] if m["merchantId"] == merchant_id)


def test_dana_qr_payment_notifications_verified_by_webhook_parser(base_url, dana_webhook):
    """The simulated payer pays a QRIS: DANA's finish notify for it is verified and parsed by WebhookParser. A
    payment left pending (settleAfterSeconds) is notified only when the clock is moved past its instant."""
    code = static_qris("MID-SATE-001")
    status, paid = admin(base_url, "POST", "/_sim/payer/qr?partner=snapsim-dana",
                         {"customerNumber": "081300000001", "qrContent": code, "amount": "12500.00"})
    assert status == 200, paid
    deliveries = wait_for(base_url, "snapsim-dana", 1)
    assert deliveries[0]["state"] == "delivered", deliveries
    path, _, body, verdict = dana_webhook.received[0]
    assert (path, verdict) == ("/v1.0/qr/qr-mpm-notify", "dana:00")
    assert json.loads(body)["originalReferenceNo"] == paid["referenceNo"]

    status, pending = admin(base_url, "POST", "/_sim/payer/qr?partner=snapsim-dana",
                            {"customerNumber": "081300000001", "qrContent": code, "amount": "7500.00",
                             "settleAfterSeconds": 60})
    assert status == 200 and pending["latestTransactionStatus"] == "03", pending
    _, listing = admin(base_url, "GET", "/_sim/notifications?partner=snapsim-dana")
    assert len(listing["deliveries"]) == 1  # nothing for the pending payment yet
    status, _ = admin(base_url, "POST", "/_sim/clock", {"advance": "60s"})  # well inside the 300 s timestamp skew later suites sign within
    assert status == 200
    deliveries = wait_for(base_url, "snapsim-dana", 2)
    assert [d["state"] for d in deliveries] == ["delivered", "delivered"], deliveries
    path, _, body, verdict = dana_webhook.received[1]
    assert (path, verdict) == ("/v1.0/qr/qr-mpm-notify", "dana:00")
    assert json.loads(body)["originalReferenceNo"] == pending["referenceNo"]
