"""dana-python 2.2.2, unmodified, against snapsim's `dana` profile.

The only change from production use is the base URL: `configuration.host` set after construction
(snap.md §7: the constructor's host is ignored). Every call is RSA-signed by the SDK itself.
"""
import datetime
import uuid

import pytest
from dana.api_client import ApiClient
from dana.disbursement.v1 import DisbursementApi
from dana.disbursement.v1.models import (
    DanaAccountInquiryRequest,
    DanaAccountInquiryRequestAdditionalInfo,
    Money,
    TransferToDanaInquiryStatusRequest,
    TransferToDanaRequest,
    TransferToDanaRequestAdditionalInfo,
)
from dana.exceptions import ApiException
from dana.utils.snap_configuration import AuthSettings, Env, SnapConfiguration
from dana.widget.v1 import WidgetApi
from dana.widget.v1.models import (
    ApplyTokenAuthorizationCodeRequest,
    BalanceInquiryRequest,
    BalanceInquiryRequestAdditionalInfo,
)

from conftest import auth_code

PARTNER = "snapsim-dana"
FUND_TYPE = "AGENT_TOPUP_FOR_USER_SETTLE"


def jakarta_now():
    now = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=7)))
    return now.strftime("%Y-%m-%dT%H:%M:%S+07:00")


@pytest.fixture(scope="module")
def client(base_url, partners):
    partner = partners[PARTNER]
    configuration = SnapConfiguration(
        api_key=AuthSettings(
            PRIVATE_KEY=partner["privateKey"],
            ORIGIN="http://127.0.0.1",
            X_PARTNER_ID=partner["clientId"],
            CHANNEL_ID=partner["channelId"],
            ENV=Env.SANDBOX,
            DANA_ENV=Env.SANDBOX,
        )
    )
    configuration.host = base_url  # the one line that points the SDK at snapsim
    with ApiClient(configuration) as api_client:
        yield api_client


def test_customer_token_then_balance_inquiry(client):
    widget = WidgetApi(client)
    token = widget.apply_token(
        ApplyTokenAuthorizationCodeRequest(grant_type="AUTHORIZATION_CODE", auth_code=auth_code("budi"))
    )
    assert token.response_code == "2007400"
    assert token.token_type == "Bearer"
    assert token.access_token and token.refresh_token
    assert token.access_token_expiry_time.endswith("+07:00")

    balance = widget.balance_inquiry(
        BalanceInquiryRequest(
            partner_reference_no=str(uuid.uuid4()),
            balance_types=["BALANCE"],
            additional_info=BalanceInquiryRequestAdditionalInfo(
                access_token=token.access_token, device_id="compat-suite-device"
            ),
        )
    )
    assert balance.response_code == "2001100"
    assert balance.account_infos[0].balance_type == "BALANCE"
    # Budi Santoso's opening balance (fixtures/customers.json).
    assert balance.account_infos[0].available_balance.value == "150000.00"


def test_balance_inquiry_with_unknown_customer_token_is_unauthorized(client):
    with pytest.raises(ApiException) as raised:
        WidgetApi(client).balance_inquiry(
            BalanceInquiryRequest(
                partner_reference_no=str(uuid.uuid4()),
                additional_info=BalanceInquiryRequestAdditionalInfo(
                    access_token="not-a-token", device_id="compat-suite-device"
                ),
            )
        )
    assert raised.value.status == 401
    assert "4011102" in str(raised.value.body)


def test_account_inquiry(client):
    response = DisbursementApi(client).dana_account_inquiry(
        DanaAccountInquiryRequest(
            partner_reference_no=str(uuid.uuid4()),
            customer_number="6281977817902",
            amount=Money(value="10000.00", currency="IDR"),
            transaction_date=jakarta_now(),
            additional_info=DanaAccountInquiryRequestAdditionalInfo(fund_type=FUND_TYPE),
        )
    )
    assert response.response_code == "2003700"
    assert response.customer_number.startswith("62")
    assert response.customer_name
    assert response.max_amount.value == "1850000.00"


def test_top_up_then_status_and_retry(client):
    api = DisbursementApi(client)
    reference = "compat-" + uuid.uuid4().hex[:20]
    request = TransferToDanaRequest(
        partner_reference_no=reference,
        customer_number="6281234560001",
        amount=Money(value="50000.00", currency="IDR"),
        fee_amount=Money(value="1500.00", currency="IDR"),
        transaction_date=jakarta_now(),
        additional_info=TransferToDanaRequestAdditionalInfo(fund_type=FUND_TYPE),
    )
    top_up = api.transfer_to_dana(request)
    assert top_up.response_code == "2003800"
    assert top_up.partner_reference_no == reference
    assert top_up.reference_no
    assert top_up.customer_number == "6281234560001"

    # DANA answers a retry with the original result, not 409xx01 (snap.md §1 deviations).
    retried = api.transfer_to_dana(request)
    assert retried.response_code == "2003800"
    assert retried.reference_no == top_up.reference_no

    status = api.transfer_to_dana_inquiry_status(
        TransferToDanaInquiryStatusRequest(original_partner_reference_no=reference, service_code="38")
    )
    assert status.response_code == "2003900"
    assert status.latest_transaction_status == "00"
    assert status.original_reference_no == top_up.reference_no
    assert status.amount.value == "50000.00"


def test_status_of_unknown_top_up_is_not_found(client):
    # The SDK's response model requires amount even when the top-up is unknown.
    status = DisbursementApi(client).transfer_to_dana_inquiry_status(
        TransferToDanaInquiryStatusRequest(original_partner_reference_no="compat-never-sent", service_code="38")
    )
    assert status.response_code == "2003900"
    assert status.latest_transaction_status == "07"
    assert status.amount.value == "0.00"
