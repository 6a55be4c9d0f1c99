"""dana-python 2.2.2 disbursement to bank, unmodified, against snapsim's `dana` profile (docs/transfers.md).

`DisbursementApi.bank_account_inquiry`, `transfer_to_bank` and `transfer_to_bank_inquiry_status`, each parsed
into the SDK's own pydantic model, plus the refusals the SDK raises as typed exceptions. Beneficiaries, banks
and fees come from fixtures/beneficiaries.json.
"""
import json
import uuid

import pytest
from dana.disbursement.v1 import DisbursementApi
from dana.disbursement.v1.models import (
    BankAccountInquiryRequest,
    BankAccountInquiryRequestAdditionalInfo,
    Money,
    TransferToBankInquiryStatusRequest,
    TransferToBankRequest,
    TransferToBankRequestAdditionalInfo,
)
from dana.exceptions import ApiException, ForbiddenException, NotFoundException

from test_dana import client  # noqa: F401  (the module-scoped SDK client pointed at snapsim)

FUND_TYPE = "MERCHANT_WITHDRAW_FOR_CORPORATE"
MAYA = "6281300000003"  # premium, balance 1,000,000.00 (fixtures/customers.json)
BUDI = "6281977817902"  # basic, balance 150,000.00


def ref():
    return "compat-tb-" + uuid.uuid4().hex[:16]


def inquiry(customer, account, bank, value="100000.00"):
    return BankAccountInquiryRequest(
        partner_reference_no=ref(),
        customer_number=customer,
        beneficiary_account_number=account,
        amount=Money(value=value, currency="IDR"),
        additional_info=BankAccountInquiryRequestAdditionalInfo(fund_type=FUND_TYPE, beneficiary_bank_code=bank),
    )


def transfer(reference, customer, account, bank, value):
    return TransferToBankRequest(
        partner_reference_no=reference,
        customer_number=customer,
        beneficiary_account_number=account,
        beneficiary_bank_code=bank,
        amount=Money(value=value, currency="IDR"),
        additional_info=TransferToBankRequestAdditionalInfo(fund_type=FUND_TYPE),
    )


def code_of(raised):
    return json.loads(raised.value.body)["responseCode"]


def test_bank_account_inquiry(client):  # noqa: F811
    response = DisbursementApi(client).bank_account_inquiry(inquiry(MAYA, "2452451341", "008"))
    assert response.response_code == "2004200"
    assert response.beneficiary_account_number == "2452451341"
    assert response.beneficiary_account_name == "Dewi Anggraini"
    assert response.beneficiary_bank_code == "008"
    assert response.beneficiary_bank_name == "Bank Mandiri"
    assert response.amount.value == "100000.00"
    assert response.additional_info.fee_amount.value == "2500.00"


def test_transfer_to_bank_then_status_and_retry(client):  # noqa: F811
    api = DisbursementApi(client)
    reference = ref()
    request = transfer(reference, MAYA, "2452451341", "008", "200000.00")
    sent = api.transfer_to_bank(request)
    assert sent.response_code == "2004300"
    assert sent.partner_reference_no == reference
    assert sent.reference_no
    assert sent.transaction_date.endswith("+07:00")  # the model checks ^…T..:..:..\+07:00$
    assert sent.reference_number

    # A retry with the same partnerReferenceNo gets the original answer; the money moves once.
    retried = api.transfer_to_bank(request)
    assert retried.response_code == "2004300"
    assert retried.reference_no == sent.reference_no

    status = api.transfer_to_bank_inquiry_status(
        TransferToBankInquiryStatusRequest(original_partner_reference_no=reference, service_code="00")
    )
    assert status.response_code == "2000000"
    assert status.latest_transaction_status == "00"
    assert status.original_reference_no == sent.reference_no
    assert status.amount.value == "200000.00"

    # 1,000,000 − (200,000 + 2,500): one debit only, so 797,500 + 2,500 is exactly spendable, a sen more is not.
    with pytest.raises(ForbiddenException) as raised:
        api.transfer_to_bank(transfer(ref(), MAYA, "2452451341", "008", "795000.01"))
    assert code_of(raised) == "4034314"


def test_status_of_unknown_transfer_is_not_found(client):  # noqa: F811
    status = DisbursementApi(client).transfer_to_bank_inquiry_status(
        TransferToBankInquiryStatusRequest(original_partner_reference_no="compat-never-sent", service_code="00")
    )
    assert status.response_code == "2000000"
    assert status.latest_transaction_status == "07"


def test_refused_transfer_is_failed_in_status(client):  # noqa: F811
    api = DisbursementApi(client)
    reference = ref()
    with pytest.raises(ForbiddenException) as raised:
        api.transfer_to_bank(transfer(reference, BUDI, "2452451341", "008", "150000.00"))
    assert raised.value.status == 403
    assert code_of(raised) == "4034314"  # Insufficient Funds: 150,000 + 2,500 fee > 150,000
    status = api.transfer_to_bank_inquiry_status(
        TransferToBankInquiryStatusRequest(original_partner_reference_no=reference, service_code="00")
    )
    assert status.latest_transaction_status == "06"


@pytest.mark.parametrize(
    "account, bank, status, code, exception",
    [
        ("8800000018", "014", 403, "4034218", ForbiddenException),  # inactive beneficiary
        ("4444444444", "014", 404, "4044211", NotFoundException),  # unknown account
        ("2452451341", "123", 404, "4044203", NotFoundException),  # unreachable bank
    ],
)
def test_bank_account_inquiry_refusals(client, account, bank, status, code, exception):  # noqa: F811
    with pytest.raises(exception) as raised:
        DisbursementApi(client).bank_account_inquiry(inquiry(MAYA, account, bank))
    assert raised.value.status == status
    assert code_of(raised) == code


def test_transfer_over_the_online_cap_is_refused(client):  # noqa: F811
    # Bank 911 has no BI-FAST: the online channel caps a transfer at 50,000,000.00.
    with pytest.raises(ApiException) as raised:
        DisbursementApi(client).transfer_to_bank(transfer(ref(), MAYA, "5550001111", "911", "50000000.01"))
    assert raised.value.status == 403
    assert code_of(raised) == "4034302"


def test_transfer_to_an_account_at_another_bank_is_refused(client):  # noqa: F811
    # 2452451341 is at Mandiri (008), not BCA (014): nothing moves, and the status says 06.
    reference = ref()
    with pytest.raises(NotFoundException) as raised:
        DisbursementApi(client).transfer_to_bank(transfer(reference, MAYA, "2452451341", "014", "1000.00"))
    assert code_of(raised) == "4044311"
    status = DisbursementApi(client).transfer_to_bank_inquiry_status(
        TransferToBankInquiryStatusRequest(original_partner_reference_no=reference, service_code="43")
    )
    assert status.latest_transaction_status == "06"
