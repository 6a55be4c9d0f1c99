"""cat-qr: DANA's payment gateway (consult pay, create order by redirect and with QRIS, query, cancel, refund)
and WidgetApi.apply_ott, dana-python 2.2.2 unmodified, against snapsim's `dana` profile.

The customer who pays is simulated through snapsim's admin API (POST /_sim/payer/qr), as `snapsim pay --qr`
does; the QRIS strings snapsim answers are checked by an independent Python implementation
(Tests/QRISCodeTests/Reference/qris_reference.py).
"""
import datetime
import importlib.util
import json
import os
import pathlib
import urllib.error
import urllib.request
import uuid

import pytest
from dana.exceptions import ApiException
from dana.payment_gateway.v1 import PaymentGatewayApi
from dana.payment_gateway.v1.models import (
    CancelOrderRequest,
    ConsultPayRequest,
    ConsultPayRequestAdditionalInfo,
    CreateOrderByApiAdditionalInfo,
    CreateOrderByApiRequest,
    CreateOrderByRedirectAdditionalInfo,
    CreateOrderByRedirectRequest,
    EnvInfo,
    Money,
    OrderApiObject,
    OrderRedirectObject,
    PayOptionDetail,
    QueryPaymentRequest,
    RefundOrderRequest,
    UrlParam,
)
from dana.widget.v1 import WidgetApi
from dana.widget.v1.models import (
    ApplyOTTRequest,
    ApplyOTTRequestAdditionalInfo,
    ApplyTokenAuthorizationCodeRequest,
)

from conftest import ROOT, auth_code
from test_dana import client  # noqa: F401  (the DANA ApiClient fixture, pointed at snapsim)

MERCHANT = "216620000000000001"  # DANA Sandbox Shop (fixtures/merchants.json)
PAYER = "081300000001"  # Siti Rahayu, premium, 5,000,000 (fixtures/customers.json)

_spec = importlib.util.spec_from_file_location(
    "qris_reference", ROOT / "Tests" / "QRISCodeTests" / "Reference" / "qris_reference.py"
)
qris_reference = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(qris_reference)


def jakarta(minutes=30):
    later = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=7))) + datetime.timedelta(minutes=minutes)
    return later.strftime("%Y-%m-%dT%H:%M:%S+07:00")


def env():
    return EnvInfo(source_platform="IPG", terminal_type="SYSTEM")


def url_params():
    return [UrlParam(url="https://merchant.example/notify", type="NOTIFICATION", is_deeplink="N")]


def money(value):
    return Money(value=value, currency="IDR")


def create_by_api(api, reference, value="25000.00", valid_up_to=None):
    return api.create_order(
        CreateOrderByApiRequest(
            partner_reference_no=reference,
            merchant_id=MERCHANT,
            amount=money(value),
            external_store_id="compat-store-01",
            valid_up_to=valid_up_to or jakarta(),
            url_params=url_params(),
            pay_option_details=[
                PayOptionDetail(pay_method="NETWORK_PAY", pay_option="NETWORK_PAY_PG_QRIS", trans_amount=money(value))
            ],
            additional_info=CreateOrderByApiAdditionalInfo(
                mcc="5399", env_info=env(), order=OrderApiObject(order_title="Compat QRIS order", scenario="API")
            ),
        )
    )


def create_by_redirect(api, reference, value="15000.00"):
    return api.create_order(
        CreateOrderByRedirectRequest(
            partner_reference_no=reference,
            merchant_id=MERCHANT,
            amount=money(value),
            valid_up_to=jakarta(),
            url_params=url_params(),
            additional_info=CreateOrderByRedirectAdditionalInfo(
                mcc="5399", env_info=env(), order=OrderRedirectObject(order_title="Compat redirect order")
            ),
        )
    )


def query(api, reference):
    return api.query_payment(
        QueryPaymentRequest(original_partner_reference_no=reference, service_code="54", merchant_id=MERCHANT)
    )


def pay(base_url, **body):
    """The simulated customer pays (snapsim's admin API); returns (status, answer)."""
    request = urllib.request.Request(
        base_url + "/_sim/payer/qr?partner=snapsim-dana",
        data=json.dumps({"customerNumber": PAYER, **body}).encode(),
        headers={
            "Authorization": "Bearer " + os.environ["SNAPSIM_ADMIN_TOKEN"],
            "Content-Type": "application/json",
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_consult_pay_offers_balance_and_qris(client):
    response = PaymentGatewayApi(client).consult_pay(
        ConsultPayRequest(
            merchant_id=MERCHANT, amount=money("25000.00"), additional_info=ConsultPayRequestAdditionalInfo(env_info=env())
        )
    )
    assert response.response_code == "2005400"
    options = {(info.pay_method, info.pay_option) for info in response.payment_infos}
    assert ("NETWORK_PAY", "NETWORK_PAY_PG_QRIS") in options


def test_qris_order_is_paid_by_the_customer_then_refunded_in_part(client, base_url):
    api = PaymentGatewayApi(client)
    reference = "compat-qris-" + uuid.uuid4().hex[:12]
    order = create_by_api(api, reference)
    assert order.response_code == "2005400"
    assert order.partner_reference_no == reference
    assert order.web_redirect_url is None
    code = order.additional_info.payment_code
    # A real QRIS: dynamic (01 = 12), the amount in tag 54, a CRC the independent implementation agrees with.
    assert code.startswith("000201010212")
    assert "540525000" in code
    assert code[-4:] == "%04X" % qris_reference.crc16_ccitt_false(code[:-4].encode())

    assert query(api, reference).latest_transaction_status == "01"
    status, paid = pay(base_url, qrContent=code)
    assert status == 200, paid
    assert paid["referenceNo"] == order.reference_no
    assert paid["amount"] == {"value": "25000.00", "currency": "IDR"}

    after = query(api, reference)
    assert after.response_code == "2005500"
    assert after.latest_transaction_status == "00"
    assert after.paid_time.endswith("+07:00")
    assert after.amount.value == "25000.00"

    status, again = pay(base_url, qrContent=code)
    assert status == 404 and again["case"] == "404xx14"  # Paid Bill: a code pays once

    refund = api.refund_order(
        RefundOrderRequest(
            merchant_id=MERCHANT,
            original_partner_reference_no=reference,
            partner_refund_no=reference + "-r1",
            refund_amount=money("10000.00"),
            reason="compat partial refund",
        )
    )
    assert refund.response_code == "2005800"
    assert refund.refund_amount.value == "10000.00"
    assert refund.refund_no

    retry = api.refund_order(
        RefundOrderRequest(
            merchant_id=MERCHANT,
            original_partner_reference_no=reference,
            partner_refund_no=reference + "-r1",
            refund_amount=money("10000.00"),
            reason="compat partial refund",
        )
    )
    assert retry.refund_no == refund.refund_no  # each partnerRefundNo once: the retry replays

    with pytest.raises(ApiException) as raised:
        api.refund_order(
            RefundOrderRequest(
                merchant_id=MERCHANT,
                original_partner_reference_no=reference,
                partner_refund_no=reference + "-r2",
                refund_amount=money("15000.01"),
            )
        )
    assert raised.value.status == 404
    assert "4045813" in str(raised.value.body)  # Invalid Amount: never beyond what was paid

    with pytest.raises(ApiException) as raised:
        api.cancel_order(CancelOrderRequest(original_partner_reference_no=reference, merchant_id=MERCHANT))
    assert raised.value.status == 405  # paid: refund it, do not cancel it


def test_redirect_order_is_paid_through_its_checkout_url(client, base_url):
    api = PaymentGatewayApi(client)
    reference = "compat-redirect-" + uuid.uuid4().hex[:12]
    order = create_by_redirect(api, reference)
    assert order.response_code == "2005400"
    assert order.web_redirect_url
    status, paid = pay(base_url, url=order.web_redirect_url)
    assert status == 200, paid
    assert query(api, reference).latest_transaction_status == "00"


def test_unpaid_order_is_cancelled(client, base_url):
    api = PaymentGatewayApi(client)
    reference = "compat-cancel-" + uuid.uuid4().hex[:12]
    order = create_by_redirect(api, reference)
    cancel = api.cancel_order(
        CancelOrderRequest(original_partner_reference_no=reference, merchant_id=MERCHANT, reason="customer left")
    )
    assert cancel.response_code == "2005700"
    assert cancel.original_reference_no == order.reference_no
    assert cancel.cancel_time.endswith("+07:00")
    assert query(api, reference).latest_transaction_status == "05"
    status, refused = pay(base_url, url=order.web_redirect_url)
    assert status == 404 and refused["case"] == "404xx04"


def test_create_order_is_idempotent_on_partner_reference_no(client):
    api = PaymentGatewayApi(client)
    reference = "compat-idem-" + uuid.uuid4().hex[:12]
    until = jakarta()  # once: a second boundary between the calls would make the retry another payload
    first = create_by_api(api, reference, valid_up_to=until)
    assert create_by_api(api, reference, valid_up_to=until).reference_no == first.reference_no
    with pytest.raises(ApiException) as raised:
        create_by_api(api, reference, value="26000.00", valid_up_to=until)
    assert raised.value.status == 404
    assert "4045418" in str(raised.value.body)  # Inconsistent Request, as DANA documents


def test_unknown_merchant_and_unknown_order(client):
    api = PaymentGatewayApi(client)
    with pytest.raises(ApiException) as raised:
        api.consult_pay(
            ConsultPayRequest(
                merchant_id="999", amount=money("1000.00"), additional_info=ConsultPayRequestAdditionalInfo(env_info=env())
            )
        )
    assert raised.value.status == 404
    assert "4045408" in str(raised.value.body)
    unknown = query(api, "compat-never-created")
    assert unknown.response_code == "2005500"
    assert unknown.latest_transaction_status == "07"


def test_apply_ott_for_the_customer_of_the_token(client):
    widget = WidgetApi(client)
    token = widget.apply_token(
        ApplyTokenAuthorizationCodeRequest(grant_type="AUTHORIZATION_CODE", auth_code=auth_code("budi"))
    )
    response = widget.apply_ott(
        ApplyOTTRequest(
            user_resources=["OTT"],
            additional_info=ApplyOTTRequestAdditionalInfo(access_token=token.access_token, device_id="compat-device"),
        )
    )
    assert response.response_code == "2004900"
    assert response.user_resources[0].resource_type == "OTT"
    assert response.user_resources[0].value


def test_apply_ott_with_an_unknown_customer_token_is_unauthorized(client):
    with pytest.raises(ApiException) as raised:
        WidgetApi(client).apply_ott(
            ApplyOTTRequest(
                user_resources=["OTT"],
                additional_info=ApplyOTTRequestAdditionalInfo(access_token="not-a-token", device_id="compat-device"),
            )
        )
    assert raised.value.status == 401
    assert "4014902" in str(raised.value.body)
