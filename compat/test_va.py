"""doku-python-library 1.1.72's virtual-account calls, unmodified, against snapsim's `doku` profile.

create_va (POST), update_va (PUT), check_status_va (POST /orders/v1.0/transfer-va/status) and
delete_payment_code (DELETE with a JSON body), their error paths, and the customer's payment in between,
played through snapsim's payer API (`POST /_sim/payer/va`). DOKU's SDK builds its response objects with
`Model(**body)`, so every answer must carry only the members its models take; the tests check the nested
`virtualAccountData` against the models' own parameter lists too.

VA numbers are biller `  888994` (fixtures/virtual-accounts.json) plus a customerNo per test; none starts with
111–115, which the SDK answers itself in sandbox mode without calling the server.
"""
import inspect
import json
import os
import urllib.error
import urllib.request

import pytest
from doku_python_library.src.commons import config as doku_config
from doku_python_library.src.model.va.additional_info import AdditionalInfo
from doku_python_library.src.model.va.check_status_va_data import CheckStatusVAData
from doku_python_library.src.model.va.check_status_va_request import CheckStatusRequest
from doku_python_library.src.model.va.create_va_request import CreateVARequest
from doku_python_library.src.model.va.delete_va_additional_info import DeleteVAAdditionalInfo
from doku_python_library.src.model.va.delete_va_request import DeleteVARequest
from doku_python_library.src.model.va.delete_va_virtual_acc_data import DeleteVAResponseVirtualAccountData
from doku_python_library.src.model.va.total_amount import TotalAmount
from doku_python_library.src.model.va.update_va_additional_info import UpdateVAAdditionalInfo
from doku_python_library.src.model.va.update_va_config import UpdateVAConfig
from doku_python_library.src.model.va.update_va_request import UpdateVaRequest
from doku_python_library.src.model.va.virtual_account_config import VirtualAccountConfig
from doku_python_library.src.model.va.virtual_account_data import VirtualAccountData
from doku_python_library.src.snap import DokuSNAP

PARTNER = "snapsim-doku"
PREFIX = "  888994"
CHANNEL = "VIRTUAL_ACCOUNT_BANK_MANDIRI"
FUTURE = "2035-01-01T00:00:00+07:00"
MERCHANT = "8889940001"


@pytest.fixture(scope="module")
def snap(base_url, partners):
    doku_config._Development.BASE_URL = base_url  # the one line that points the SDK at snapsim
    partner = partners[PARTNER]
    return DokuSNAP(
        private_key=partner["privateKey"], client_id=partner["clientId"], is_production=False,
        public_key=partner["publicKey"], issuer="snapsim", secret_key=partner["clientSecret"],
        merchant_public_key=partner["publicKey"],
    )


def admin(base_url, method, path, body=None):
    """snapsim's admin API with the token compat/run.sh gave serve; (status, JSON)."""
    token = os.environ.get("SNAPSIM_ADMIN_TOKEN")
    if not token:
        pytest.fail("SNAPSIM_ADMIN_TOKEN is not set: run the suite through compat/run.sh")
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base_url + path, data=data, method=method,
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def pay(base_url, customer_no, amount):
    return admin(base_url, "POST", f"/_sim/payer/va?partner={PARTNER}",
                 {"virtualAccountNo": PREFIX + customer_no, "amount": amount})


def model_keys(model):
    return set(inspect.signature(model.__init__).parameters) - {"self"}


def create(snap, customer_no, trx_id, amount="150000.00", trx_type="C", config=None):
    request = CreateVARequest(
        partner_service_id=PREFIX, customer_no=customer_no, virtual_account_no=PREFIX + customer_no,
        virtual_acc_name="Toru Yamashita", virtual_acc_email="toru@example.com", virtual_acc_phone="6281234567890",
        trx_id=trx_id, total_amount=TotalAmount(value=amount, currency="IDR"), virtual_acc_trx_type=trx_type,
        additional_info=AdditionalInfo(channel=CHANNEL, virtual_account_config=config or VirtualAccountConfig(reusable_status=False)),
        expired_date=FUTURE,
    )
    return snap.create_va(request)


def status(snap, customer_no, payment_request_id=None):
    request = CheckStatusRequest(partner_service_id=PREFIX, customer_no=customer_no, virtual_acc_no=PREFIX + customer_no,
                                 payment_request_id=payment_request_id)
    return snap.check_status_va(request)


def update(snap, customer_no, trx_id, amount="150000.00", config=None):
    request = UpdateVaRequest(
        partnerServiceId=PREFIX, customerNo=customer_no, virtualAccountNo=PREFIX + customer_no, trxId=trx_id,
        additionalInfo=UpdateVAAdditionalInfo(channel=CHANNEL, virtualAccountConfig=config or UpdateVAConfig(status="ACTIVE")),
        totalAmount=TotalAmount(value=amount, currency="IDR"), virtualAccountName="Toru Yamashita",
        virtualAccountTrxType="C", expiredDate=FUTURE,
    )
    return snap.update_va(request)


def delete(snap, customer_no, trx_id):
    request = DeleteVARequest(partner_service_id=PREFIX, customer_no=customer_no, virtual_acc_no=PREFIX + customer_no,
                              trx_id=trx_id, additional_info=DeleteVAAdditionalInfo(channel=CHANNEL))
    return snap.delete_payment_code(request)


def test_create_va(snap):
    response = create(snap, "20000000000000000001", "INV-DOKU-0001")
    assert response is not None, "the SDK could not parse the answer"
    assert response.response_code == "2002700", response.response_message
    data = response.virtual_account_data
    assert data["virtualAccountNo"] == PREFIX + "20000000000000000001"
    assert data["totalAmount"] == {"value": "150000.00", "currency": "IDR"}
    assert set(data) <= model_keys(VirtualAccountData), set(data) - model_keys(VirtualAccountData)
    assert set(data["additionalInfo"]) <= {"channel", "howToPayPage", "howToPayApi"}


def test_create_va_retried_and_conflicting(snap):
    first = create(snap, "20000000000000000002", "INV-DOKU-0002")
    assert first.response_code == "2002700", first.response_message
    again = create(snap, "20000000000000000002", "INV-DOKU-0002")
    assert again.response_code == "2002700"
    assert again.virtual_account_data == first.virtual_account_data
    other_amount = create(snap, "20000000000000000002", "INV-DOKU-0002", amount="1.00")
    assert other_amount.response_code == "4042718", other_amount.response_message
    other_bill = create(snap, "20000000000000000002", "INV-DOKU-0002B")
    assert other_bill.response_code == "4092700", other_bill.response_message


def test_create_va_under_an_unknown_biller(snap):
    request = CreateVARequest(
        partner_service_id="  999999", customer_no="1", virtual_account_no="  9999991", virtual_acc_name="Nobody",
        trx_id="INV-DOKU-NOBODY", total_amount=TotalAmount(value="10000.00"), virtual_acc_trx_type="C",
        additional_info=AdditionalInfo(channel=CHANNEL, virtual_account_config=VirtualAccountConfig(reusable_status=False)),
        expired_date=FUTURE,
    )
    response = snap.create_va(request)
    assert response is not None, "the SDK could not parse the error answer"
    assert response.response_code == "4042716", response.response_message


def test_update_va_with_put(snap):
    assert create(snap, "20000000000000000003", "INV-DOKU-0003").response_code == "2002700"
    response = update(snap, "20000000000000000003", "INV-DOKU-0003", amount="175000.00")
    assert response is not None, "the SDK could not parse the answer"
    assert response.response_code == "2002800", response.response_message
    assert response.virtual_account_data["totalAmount"] == {"value": "175000.00", "currency": "IDR"}
    assert set(response.virtual_account_data) <= model_keys(VirtualAccountData)
    unknown = update(snap, "20000000000000000099", "INV-DOKU-0099")
    assert unknown is not None and unknown.response_code == "4042812", unknown and unknown.response_message


def test_payment_shows_in_status_and_credits_the_merchant(snap, base_url):
    before = admin(base_url, "GET", f"/_sim/accounts/{MERCHANT}?partner={PARTNER}")[1]
    assert create(snap, "20000000000000000004", "INV-DOKU-0004").response_code == "2002700"
    pending = status(snap, "20000000000000000004")
    assert pending.response_code == "2002600", pending.response_message
    assert pending.virtual_account_data["paidAmount"] == {"value": "0.00", "currency": "IDR"}
    assert pending.virtual_account_data["paymentFlagReason"]["english"] == "Pending"
    assert set(pending.virtual_account_data) <= model_keys(CheckStatusVAData)

    code, paid = pay(base_url, "20000000000000000004", "150000.00")
    assert code == 201, paid
    assert paid["settled"] is True and paid["merchantAccountNo"] == MERCHANT
    after = status(snap, "20000000000000000004")
    assert after.response_code == "2002600"
    assert after.virtual_account_data["paidAmount"] == {"value": "150000.00", "currency": "IDR"}
    assert after.virtual_account_data["paymentFlagReason"]["english"] == "Success"
    by_id = status(snap, "20000000000000000004", payment_request_id=paid["paid"]["paymentRequestId"])
    assert by_id.virtual_account_data["paidAmount"] == {"value": "150000.00", "currency": "IDR"}

    merchant = admin(base_url, "GET", f"/_sim/accounts/{MERCHANT}?partner={PARTNER}")[1]
    opened = float(before["accountInfos"][0]["availableBalance"]["value"]) if "accountInfos" in before else 0.0
    assert float(merchant["accountInfos"][0]["availableBalance"]["value"]) == opened + 150000.00

    twice, refusal = pay(base_url, "20000000000000000004", "150000.00")
    assert twice == 404 and refusal["responseCode"] == "4042514", refusal


def test_inactive_va_refuses_payment_until_active(snap, base_url):
    assert create(snap, "20000000000000000005", "INV-DOKU-0005").response_code == "2002700"
    inactive = update(snap, "20000000000000000005", "INV-DOKU-0005", config=UpdateVAConfig(status="INACTIVE"))
    assert inactive.response_code == "2002800", inactive.response_message
    code, refusal = pay(base_url, "20000000000000000005", "150000.00")
    assert code == 404 and refusal["responseCode"] == "4042512", refusal
    assert update(snap, "20000000000000000005", "INV-DOKU-0005").response_code == "2002800"
    assert pay(base_url, "20000000000000000005", "150000.00")[0] == 201


def test_variable_va_takes_installments(snap, base_url):
    config = VirtualAccountConfig(reusable_status=False, min_amount="10000.00", max_amount="200000.00")
    assert create(snap, "20000000000000000006", "INV-DOKU-0006", amount="300000.00", trx_type="V",
                  config=config).response_code == "2002700"
    assert pay(base_url, "20000000000000000006", "200000.00")[0] == 201
    too_much = pay(base_url, "20000000000000000006", "150000.00")
    assert too_much[0] == 404 and too_much[1]["responseCode"] == "4042513", too_much
    partly = status(snap, "20000000000000000006")
    assert partly.virtual_account_data["paidAmount"] == {"value": "200000.00", "currency": "IDR"}
    assert partly.virtual_account_data["paymentFlagReason"]["english"] == "Paying"
    assert pay(base_url, "20000000000000000006", "100000.00")[0] == 201
    assert status(snap, "20000000000000000006").virtual_account_data["paymentFlagReason"]["english"] == "Success"


def test_delete_payment_code_with_a_json_body(snap):
    assert create(snap, "20000000000000000007", "INV-DOKU-0007").response_code == "2002700"
    response = delete(snap, "20000000000000000007", "INV-DOKU-0007")
    assert response is not None, "the SDK could not parse the answer"
    assert response.response_code == "2003100", response.response_message
    assert set(response.virtual_acc_data) <= model_keys(DeleteVAResponseVirtualAccountData)
    assert response.virtual_acc_data["trxId"] == "INV-DOKU-0007"
    again = delete(snap, "20000000000000000007", "INV-DOKU-0007")
    assert again is not None and again.response_code == "4043112", again and again.response_message
    canceled = status(snap, "20000000000000000007")
    assert canceled.virtual_account_data["paymentFlagReason"]["english"] == "Canceled"


def test_delete_of_a_paid_va_is_refused(snap, base_url):
    assert create(snap, "20000000000000000008", "INV-DOKU-0008").response_code == "2002700"
    assert pay(base_url, "20000000000000000008", "150000.00")[0] == 201
    response = delete(snap, "20000000000000000008", "INV-DOKU-0008")
    assert response is not None and response.response_code == "4043114", response and response.response_message


def test_status_of_an_unknown_va(snap):
    response = status(snap, "20000000000000000098")
    assert response is not None, "the SDK could not parse the error answer"
    assert response.response_code == "4042612", response.response_message
