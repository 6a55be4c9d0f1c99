"""doku-python-library 1.1.72, unmodified, against snapsim's `doku` profile.

The only change from production use is the base URL, a class constant (snap.md §7). DOKU's SDK never
raises on an HTTP status: it parses the body into its model, and an unknown member or a wrong type
becomes a synthetic 5xxxxxx code, so these tests check the codes it returns.
"""
import pytest
from doku_python_library.src.commons import config as doku_config
from doku_python_library.src.model.direct_debit.balance_inquiry_additional_info import BalanceInquiryAdditionalInfo
from doku_python_library.src.model.direct_debit.balance_inquiry_request import BalanceInquiryRequest
from doku_python_library.src.snap import DokuSNAP

from conftest import auth_code

PARTNER = "snapsim-doku"


@pytest.fixture(scope="module")
def snap(base_url, partners):
    doku_config._Development.BASE_URL = base_url  # the one line that points the SDK at snapsim
    partner = partners[PARTNER]
    return DokuSNAP(
        private_key=partner["privateKey"],
        client_id=partner["clientId"],
        is_production=False,
        public_key=partner["publicKey"],
        issuer="snapsim",
        secret_key=partner["clientSecret"],
        merchant_public_key=partner["publicKey"],
    )


def test_b2b_token(snap):
    token = snap.get_token()
    assert token.response_code == "2007300", token.response_message
    assert token.token_type == "Bearer"
    # The SDK subtracts 10 s from an integer expiresIn; snapsim's doku profile answers 900, not "900".
    assert token.expires_in == 890


def test_customer_token(snap):
    token = snap.get_token_b2b2c(auth_code=auth_code("siti"))
    assert token.response_code == "2007400", token.response_message
    assert token.access_token and token.refresh_token
    assert token.access_token_expiry_time


def test_customer_token_with_unknown_code(snap):
    token = snap.get_token_b2b2c(auth_code="no-such-code")
    assert token.response_code == "4017400"


def test_direct_debit_balance_inquiry(snap):
    request = BalanceInquiryRequest(additional_info=BalanceInquiryAdditionalInfo(channel="EMONEY_DANA_SNAP"))
    response = snap.do_balance_inquiry(request=request, ip_address="127.0.0.1", auth_code=auth_code("siti"))
    assert response.response_code == "2001100", response.response_message
    # Siti Rahayu's opening balance (fixtures/customers.json).
    assert response.account_infos[0]["availableBalance"] == {"value": "5000000.00", "currency": "IDR"}


def test_direct_debit_balance_inquiry_of_an_inactive_customer(snap):
    request = BalanceInquiryRequest(additional_info=BalanceInquiryAdditionalInfo(channel="EMONEY_DANA_SNAP"))
    response = snap.do_balance_inquiry(request=request, ip_address="127.0.0.1", auth_code=auth_code("joko"))
    assert response.response_code == "4031118", response.response_message
