"""The partner's webhook for the notification tests: a small Flask app on 127.0.0.1 whose handlers are the
providers' own verification code, unmodified — DANA's `WebhookParser` and DOKU's `validate_signature`,
`generate_token_b2b`, `validate_token_b2b` and notification response builders — so snapsim's notifications are
judged by real receivers. Every request and the receiver's verdict is recorded for the tests to read.
"""
import json
import os
import threading

from flask import Flask, jsonify, request
from werkzeug.serving import make_server


class Webhook:
    """Runs `app` on a free loopback port in a thread; `received` lists (path, headers, body, verdict)."""

    def __init__(self, dana_parser=None, doku_snap=None):
        self.received = []
        self.lock = threading.Lock()
        self.dana_parser = dana_parser
        self.doku_snap = doku_snap
        app = Flask("snapsim-compat-webhook")
        app.add_url_rule("/<path:path>", "any", self.handle, methods=["POST"])
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = "http://127.0.0.1:%d" % self.server.server_port
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()

    def record(self, verdict):
        with self.lock:
            self.received.append((request.path, dict(request.headers), request.get_data(as_text=True), verdict))

    def handle(self, path):
        path = "/" + path
        if path.endswith("/access-token/b2b") and self.doku_snap is not None:
            # DOKU asks the merchant for a token first: DOKU's own signature check and token generator.
            token = self.doku_snap.validate_signature_and_generate_token()
            self.record("token:" + token.body.response_code)
            status = 200 if token.body.response_code.startswith("200") else 401
            return jsonify(token.body.json()), status
        if self.doku_snap is not None:
            from doku_python_library.src.model.notification.notification_payment_request import PaymentNotificationRequest
            body = request.get_json()
            members = PaymentNotificationRequest.__init__.__code__.co_varnames[1:PaymentNotificationRequest.__init__.__code__.co_argcount]
            notification = PaymentNotificationRequest(**{k: v for k, v in body.items() if k in members})
            authorization = (request.headers.get("Authorization") or "").removeprefix("Bearer ")
            valid = self.doku_snap.validate_token_b2b(authorization)
            answer = self.doku_snap.generate_notification_response(valid, notification)
            self.record("doku:" + answer.response_code)
            return jsonify(answer.json()), 200 if valid else 401
        try:
            parsed = self.dana_parser.parse_webhook(
                http_method=request.method, relative_path_url=request.path, headers=dict(request.headers),
                body=request.get_data(as_text=True))
        except ValueError as error:
            self.record("dana:rejected:" + str(error))
            return jsonify({"responseCode": "4015600", "responseMessage": "Unauthorized. " + str(error)[:40]}), 401
        self.record("dana:" + parsed.latest_transaction_status)
        return jsonify({"responseCode": "2005600", "responseMessage": "Successful"}), 200
