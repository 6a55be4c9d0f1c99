"""Shared fixtures of the compatibility suite: where snapsim listens and the demo partners' credentials.

compat/run.sh starts `snapsim serve` with the built-in default fixtures and exports SNAPSIM_URL; the
partners' ids, keys and secrets are read from the same fixture files the server embedded, so the suite
never holds a copy of them.
"""
import json
import os
import pathlib
import urllib.error
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _partners():
    partners = {}
    for path in sorted((ROOT / "fixtures").rglob("*.json")):
        for partner in json.loads(path.read_text()).get("partners", []):
            partners[partner["clientId"]] = partner
    return partners


@pytest.fixture(scope="session")
def base_url():
    url = os.environ.get("SNAPSIM_URL")
    if not url:
        pytest.fail("SNAPSIM_URL is not set: run the suite through compat/run.sh")
    with urllib.request.urlopen(url + "/_sim/health", timeout=5) as response:
        assert response.status == 200
    return url


@pytest.fixture(scope="session")
def partners():
    return _partners()


def auth_code(name):
    """The sandbox authorization code of the customer `name` (fixtures/auth-codes.json)."""
    for code in json.loads((ROOT / "fixtures" / "auth-codes.json").read_text())["authCodes"]:
        if code["authCode"].endswith(name):
            return code["authCode"]
    raise KeyError(name)


@pytest.fixture(scope="session")
def payer(base_url):
    """Acts as the simulated customer through the admin API: payer("direct-debit", partner, {...})."""

    def act(kind, partner, body=None, method="POST"):
        token = os.environ.get("SNAPSIM_ADMIN_TOKEN", "")
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"{base_url}/_sim/payer/{kind}?partner={partner}", data=data, method=method,
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())

    return act
