"""Direct debit, bindings and cards (issue 12, cat-debit): dana-python's widget and doku-python-library's direct
debit, unmodified, against snapsim's `dana` and `doku` profiles, with the simulated customer driven through the
admin API (/_sim/payer/...). Balances are read back through /_sim/accounts to check the ledger moved.
"""
import datetime
import json
import os
import urllib.request
import uuid

import pytest
from dana.api_client import ApiClient
from dana.exceptions import ApiException
from dana.utils.snap_configuration import AuthSettings, Env, SnapConfiguration
from dana.widget.v1 import WidgetApi
from dana.widget.v1.models import (
    AccountUnbindingRequest,
    AccountUnbindingRequestAdditionalInfo,
    ApplyTokenAuthorizationCodeRequest,
    BalanceInquiryRequest,
    BalanceInquiryRequestAdditionalInfo,
    CancelOrderRequest,
    EnvInfo,
    Money,
    Order,
    QueryPaymentRequest,
    RefundOrderRequest,
    WidgetPaymentRequest,
    WidgetPaymentRequestAdditionalInfo,
)
from doku_python_library.src.commons import config as doku_config
from doku_python_library.src.model.direct_debit.account_binding_additional_info_request import (
    AccountBindingAdditionalInfoRequest,
)
from doku_python_library.src.model.direct_debit.account_binding_request import AccountBindingRequest
from doku_python_library.src.model.direct_debit.account_unbinding_additional_info_request import (
    AccountUnbindingAdditionalInfoRequest,
)
from doku_python_library.src.model.direct_debit.account_unbinding_request import AccountUnbindingRequest as DokuUnbinding
from doku_python_library.src.model.direct_debit.bank_card_data import BankCardData
from doku_python_library.src.model.direct_debit.card_registration_additional_info import CardRegistrationAdditionalInfo
from doku_python_library.src.model.direct_debit.card_registration_request import CardRegistrationRequest
from doku_python_library.src.model.direct_debit.card_unbinding_request import CardUnbindingRequest
from doku_python_library.src.model.direct_debit.check_status_additional_info_request import (
    CheckStatusAdditionalInfoRequest,
)
from doku_python_library.src.model.direct_debit.check_status_request import CheckStatusRequest
from doku_python_library.src.model.direct_debit.payment_additional_info_request import PaymentAdditionalInfoRequest
from doku_python_library.src.model.direct_debit.payment_jump_app_additional_info import PaymentJumpAppAdditionalInfo
from doku_python_library.src.model.direct_debit.payment_jump_app_request import PaymentJumpAppRequest
from doku_python_library.src.model.direct_debit.payment_request import PaymentRequest
from doku_python_library.src.model.direct_debit.refund_additional_info import RefundAdditionalInfo
from doku_python_library.src.model.direct_debit.refund_request import RefundRequest
from doku_python_library.src.model.direct_debit.url_param import UrlParam
from doku_python_library.src.model.va.total_amount import TotalAmount
from doku_python_library.src.snap import DokuSNAP

from conftest import auth_code

DANA = "snapsim-dana"
DOKU = "snapsim-doku"
CHANNEL = "DIRECT_DEBIT_MANDIRI_SNAP"  # a DOKU channel whose SDK checks need no device id
IP = "192.168.100.10"
BUDI = "081977817902"  # fixtures/customers.json
SITI = "081300000001"


def jakarta(minutes=0):
    moment = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=7))) + datetime.timedelta(minutes=minutes)
    return moment.strftime("%Y-%m-%dT%H:%M:%S+07:00")


def balance(base_url, partner, customer):
    request = urllib.request.Request(
        f"{base_url}/_sim/accounts/{customer}?partner={partner}",
        headers={"Authorization": "Bearer " + os.environ.get("SNAPSIM_ADMIN_TOKEN", "")},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())["balance"]["value"]


def rupiah(value):
    return round(float(value) * 100)


# MARK: - DANA widget


@pytest.fixture(scope="module")
def dana(base_url, partners):
    partner = partners[DANA]
    configuration = SnapConfiguration(
        api_key=AuthSettings(
            PRIVATE_KEY=partner["privateKey"], ORIGIN="http://127.0.0.1", X_PARTNER_ID=partner["clientId"],
            CHANNEL_ID=partner["channelId"], ENV=Env.SANDBOX, DANA_ENV=Env.SANDBOX,
        )
    )
    configuration.host = base_url
    with ApiClient(configuration) as api_client:
        yield WidgetApi(api_client)


def widget_payment(widget, reference, value="25000.00", valid_up_to=None):
    return widget.widget_payment(
        WidgetPaymentRequest(
            partner_reference_no=reference, merchant_id="216620000000000000001",
            amount=Money(value=value, currency="IDR"), valid_up_to=valid_up_to or jakarta(30),
            additional_info=WidgetPaymentRequestAdditionalInfo(
                product_code="51051000100000000001", mcc="5732", order=Order(order_title="compat order"),
                env_info=EnvInfo(terminal_type="SYSTEM", source_platform="IPG"),
            ),
        )
    )


def query(widget, reference):
    return widget.query_payment(
        QueryPaymentRequest(original_partner_reference_no=reference, service_code="54", merchant_id="216620000000000000001")
    )


def test_dana_widget_payment_approved_by_payer_then_partial_and_full_refund(dana, payer, base_url):
    reference = "dd-" + uuid.uuid4().hex[:20]
    before = rupiah(balance(base_url, DANA, BUDI))
    created = widget_payment(dana, reference)
    assert created.response_code == "2005400"
    assert created.partner_reference_no == reference
    assert "/_sim/payer/direct-debit" in created.web_redirect_url
    assert query(dana, reference).latest_transaction_status == "01"

    status, settled = payer("direct-debit", DANA, {"partnerReferenceNo": reference, "customerNumber": "62" + BUDI[1:]})
    assert status == 200, settled
    assert settled["latestTransactionStatus"] == "00"
    paid = query(dana, reference)
    assert paid.latest_transaction_status == "00"
    assert paid.paid_time.endswith("+07:00")
    assert rupiah(balance(base_url, DANA, BUDI)) == before - 2_500_000

    refund = lambda number, value: dana.refund_order(  # noqa: E731
        RefundOrderRequest(
            merchant_id="216620000000000000001", original_partner_reference_no=reference, partner_refund_no=number,
            refund_amount=Money(value=value, currency="IDR"), reason="compat",
        )
    )
    first = refund(reference + "-r1", "10000.00")
    assert first.response_code == "2005800"
    assert first.refund_amount.value == "10000.00"
    assert refund(reference + "-r1", "10000.00").refund_no == first.refund_no  # a retry replays
    with pytest.raises(ApiException) as over:
        refund(reference + "-r2", "15000.01")
    assert over.value.status == 404 and "4045813" in str(over.value.body)
    assert refund(reference + "-r2", "15000.00").response_code == "2005800"
    assert query(dana, reference).latest_transaction_status == "04"
    assert rupiah(balance(base_url, DANA, BUDI)) == before


def test_dana_widget_cancel_while_waiting_but_not_once_paid(dana, payer):
    waiting = "dd-" + uuid.uuid4().hex[:20]
    widget_payment(dana, waiting)
    cancelled = dana.cancel_order(CancelOrderRequest(original_partner_reference_no=waiting, merchant_id="216620000000000000001", reason="compat"))
    assert cancelled.response_code == "2005700"
    assert cancelled.cancel_time.endswith("+07:00")
    assert query(dana, waiting).latest_transaction_status == "05"

    paid = "dd-" + uuid.uuid4().hex[:20]
    widget_payment(dana, paid, "1000.00")
    assert payer("direct-debit", DANA, {"partnerReferenceNo": paid, "customerNumber": SITI})[0] == 200
    with pytest.raises(ApiException) as refused:
        dana.cancel_order(CancelOrderRequest(original_partner_reference_no=paid, merchant_id="216620000000000000001"))
    assert refused.value.status == 405 and "4055701" in str(refused.value.body)


def test_dana_widget_payment_is_idempotent_on_partner_reference(dana):
    reference = "dd-" + uuid.uuid4().hex[:20]
    # A retry is the same payload: validUpTo is computed once (a second boundary between calls changes it).
    until = jakarta(30)
    first = widget_payment(dana, reference, valid_up_to=until)
    assert widget_payment(dana, reference, valid_up_to=until).reference_no == first.reference_no
    with pytest.raises(ApiException) as inconsistent:
        widget_payment(dana, reference, "99.00", valid_up_to=until)
    assert inconsistent.value.status == 404 and "4045418" in str(inconsistent.value.body)


def test_dana_widget_declined_and_unknown_payments(dana, payer):
    reference = "dd-" + uuid.uuid4().hex[:20]
    widget_payment(dana, reference)
    assert payer("direct-debit", DANA, {"partnerReferenceNo": reference, "action": "decline"})[0] == 200
    assert query(dana, reference).latest_transaction_status == "06"
    assert query(dana, "dd-never-sent").latest_transaction_status == "07"


def test_dana_widget_payer_short_of_funds_fails_the_payment(dana, payer):
    reference = "dd-" + uuid.uuid4().hex[:20]
    widget_payment(dana, reference, "9000000.00")
    status, refusal = payer("direct-debit", DANA, {"partnerReferenceNo": reference, "customerNumber": BUDI})
    assert status == 403 and refusal["case"] == "403xx14"
    assert query(dana, reference).latest_transaction_status == "06"


def test_dana_account_unbinding_revokes_the_customer_token(dana):
    token = dana.apply_token(ApplyTokenAuthorizationCodeRequest(grant_type="AUTHORIZATION_CODE", auth_code=auth_code("budi")))
    unbound = dana.account_unbinding(
        AccountUnbindingRequest(
            merchant_id="216620000000000000001", partner_reference_no=str(uuid.uuid4()),
            additional_info=AccountUnbindingRequestAdditionalInfo(access_token=token.access_token, device_id="compat-device"),
        )
    )
    assert unbound.response_code == "2000900"
    with pytest.raises(ApiException) as revoked:
        dana.balance_inquiry(
            BalanceInquiryRequest(
                partner_reference_no=str(uuid.uuid4()),
                additional_info=BalanceInquiryRequestAdditionalInfo(access_token=token.access_token, device_id="compat-device"),
            )
        )
    assert revoked.value.status == 401


# MARK: - DOKU direct debit


@pytest.fixture(scope="module")
def doku(base_url, partners):
    doku_config._Development.BASE_URL = base_url
    partner = partners[DOKU]
    snap = DokuSNAP(
        private_key=partner["privateKey"], client_id=partner["clientId"], is_production=False,
        public_key=partner["publicKey"], issuer="snapsim", secret_key=partner["clientSecret"],
        merchant_public_key=partner["publicKey"],
    )
    # The SDK reads its cached customer token before it ever set one: get one first, as its README does.
    # Payments here debit Budi: test_doku.py reads Siti's opening balance from the same server.
    assert snap.get_token_b2b2c(auth_code=auth_code("budi")).response_code == "2007400"
    return snap


def binding_info():
    return AccountBindingAdditionalInfoRequest(
        channel=CHANNEL, cust_id_merchant="cust-001", success_registration_url="https://merchant.test/ok",
        failed_registration_url="https://merchant.test/fail",
    )


def test_doku_account_binding_approved_by_payer_gives_an_auth_code(doku, payer):
    bound = doku.do_account_binding(AccountBindingRequest(phone_no="62" + SITI[1:], additional_info=binding_info()), ip_address=IP)
    assert bound.response_code == "2000700", bound.response_message
    assert bound.reference_no and "/_sim/payer/binding" in bound.redirect_url
    status, approved = payer("binding", DOKU, {"referenceNo": bound.reference_no})
    assert status == 200 and approved["additionalInfo"]["accountStatus"] == "ACTIVE"
    assert approved["additionalInfo"]["authCode"] == auth_code("siti")


def test_doku_account_binding_of_an_unknown_phone(doku):
    bound = doku.do_account_binding(AccountBindingRequest(phone_no="6289999999999", additional_info=binding_info()), ip_address=IP)
    assert bound.response_code == "4040711"


def doku_payment(doku, reference, value):
    return doku.do_payment(
        PaymentRequest(
            partner_reference_no=reference, amount=TotalAmount(value=value),
            additional_info=PaymentAdditionalInfoRequest(
                channel=CHANNEL, remarks="compat", success_payment_url="https://merchant.test/ok",
                failed_payment_url="https://merchant.test/fail",
            ),
        ),
        ip_address=IP, auth_code=auth_code("budi"),
    )


def doku_status(doku, reference):
    return doku.do_check_status(
        CheckStatusRequest(service_code="55", original_partner_reference_no=reference,
                           additional_info=CheckStatusAdditionalInfoRequest(channel=CHANNEL))
    )


def test_doku_host_to_host_payment_status_and_refund(doku, base_url):
    reference = "dk-" + uuid.uuid4().hex[:20]
    before = rupiah(balance(base_url, DOKU, BUDI))
    paid = doku_payment(doku, reference, "12000.00")
    assert paid.response_code == "2005400", paid.response_message
    assert paid.partner_reference_no == reference and paid.reference_no
    assert rupiah(balance(base_url, DOKU, BUDI)) == before - 1_200_000
    status = doku_status(doku, reference)
    assert status.response_code == "2005500", status.response_message
    assert status.latest_transaction_status == "00"

    refund = doku.do_refund(
        RefundRequest(original_partner_reference_no=reference, refund_amount=TotalAmount(value="2000.00"),
                      partner_refund_no=reference + "-r1", additional_info=RefundAdditionalInfo(channel=CHANNEL), reason="compat"),
        ip_address=IP, auth_code=auth_code("budi"), device_id="device-1",
    )
    assert refund.response_code == "2005800", refund.response_message
    assert refund.refund_amount == {"value": "2000.00", "currency": "IDR"}
    assert rupiah(balance(base_url, DOKU, BUDI)) == before - 1_000_000
    after = doku_status(doku, reference)
    assert after.refund_history[0]["refundAmount"]["value"] == "2000.00"


def test_doku_payment_short_of_funds(doku):
    paid = doku_payment(doku, "dk-" + uuid.uuid4().hex[:20], "99999999.00")
    assert paid.response_code == "4035414"


def test_doku_refund_of_an_unknown_payment(doku):
    refund = doku.do_refund(
        RefundRequest(original_partner_reference_no="dk-never-sent", refund_amount=TotalAmount(value="1.00"),
                      partner_refund_no="dk-never-sent-r", additional_info=RefundAdditionalInfo(channel=CHANNEL)),
        ip_address=IP, auth_code=auth_code("budi"), device_id="device-1",
    )
    assert refund.response_code == "4045801", refund.response_message


def test_doku_jump_app_payment_waits_for_the_payer(doku, payer):
    reference = "dk-" + uuid.uuid4().hex[:20]
    created = doku.do_payment_jump_app(
        PaymentJumpAppRequest(
            partner_reference_no=reference, amount=TotalAmount(value="5000.00"),
            url_param=[UrlParam(url="https://merchant.test/return", type="PAY_RETURN", is_deep_link="N")],
            additional_info=PaymentJumpAppAdditionalInfo(channel=CHANNEL, order_title="compat"),
            valid_up_to=jakarta(30), point_of_initiation="app",
        ),
        device_id="device-1", ip_address=IP,
    )
    assert created.response_code == "2005400", created.response_message
    assert "/_sim/payer/direct-debit" in created.web_redirect_url
    assert doku_status(doku, reference).latest_transaction_status == "01"
    assert payer("direct-debit", DOKU, {"referenceNo": created.reference_no, "customerNumber": BUDI})[0] == 200
    assert doku_status(doku, reference).latest_transaction_status == "00"


def test_doku_card_registration_encrypted_then_unbinding(doku, payer):
    card = BankCardData(bank_card_no="5264221038423317", bank_card_type="D", expiry_date="1299")
    registered = doku.do_card_registration(
        CardRegistrationRequest(
            card_data=card, cust_id_merchant="cust-001", phone_no="62" + SITI[1:],
            additionalInfo=CardRegistrationAdditionalInfo(
                channel=CHANNEL, success_registration_url="https://merchant.test/ok",
                failed_registration_url="https://merchant.test/fail",
            ),
        ),
        channel_id="DH",
    )
    assert registered.response_code == "2000100", registered.response_message
    assert registered.additional_info["maskedCardNo"] == "526422******3317"
    status, active = payer("binding", DOKU, {"referenceNo": registered.reference_no})
    assert status == 200
    token = active["bankCardToken"]
    unbind = lambda: doku.do_card_unbinding(  # noqa: E731
        CardUnbindingRequest(token=token, additional_info=AccountUnbindingAdditionalInfoRequest(channel=CHANNEL)), ip_address=IP
    )
    assert unbind().response_code == "2000500"
    assert unbind().response_code == "2000500"  # the token still names the (now unbound) card


def test_doku_card_registration_with_a_bad_card_number(doku):
    card = BankCardData(bank_card_no="5264221038423311", bank_card_type="D", expiry_date="1299")
    registered = doku.do_card_registration(
        CardRegistrationRequest(
            card_data=card, cust_id_merchant="cust-001", phone_no="62" + SITI[1:],
            additionalInfo=CardRegistrationAdditionalInfo(
                channel=CHANNEL, success_registration_url="https://merchant.test/ok", failed_registration_url="https://merchant.test/fail"),
        ),
        channel_id="DH",
    )
    assert registered.response_code == "4040111"


def test_doku_account_unbinding_with_the_customer_token(doku):
    token = doku.get_token_b2b2c(auth_code=auth_code("budi")).access_token
    unbind = lambda: doku.do_account_unbinding(  # noqa: E731
        DokuUnbinding(token=token, additional_info=AccountUnbindingAdditionalInfoRequest(channel=CHANNEL)), ip_address=IP
    )
    assert unbind().response_code == "2000900"
    assert unbind().response_code == "4040911"
