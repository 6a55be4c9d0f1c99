import SimJSON

/// QR MPM payment host-to-host (50): an issuer pays a QRIS on behalf of its customer.
///
/// The code travels in `additionalInfo.qrContent`; the payer is the customer of the B2B2C token, else
/// `additionalInfo.customerNumber`. A dynamic code of one of this partner's orders pays the order; a static
/// code pays its merchant `amount`. Idempotent on partnerReferenceNo (the same payload replays the answer).
struct QRMPMPayment: SNAPService {
    let descriptor = ServiceDescriptor.qrMPMPayment

    var answers: [ServiceAnswer] {
        [
            .success,
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "additionalInfo.qrContent is not a valid QRIS (the explanation names the tag), or a field has the wrong form"),
            ServiceAnswer(SNAPError.invalidMandatoryField(""), "partnerReferenceNo or additionalInfo.qrContent is missing, no payer is named, or a static code without amount"),
            ServiceAnswer(SNAPError.invalidMerchant, "no fixture merchant has the code's NMID"),
            ServiceAnswer(QRISRefusal.merchantBlacklisted, "the merchant's status is blacklisted"),
            ServiceAnswer(SNAPError.invalidAccount(), "the payer is not a customer of the ledger"),
            ServiceAnswer(CustomerStatus.inactive.refusal ?? .generalError, "the payer's status is inactive"),
            ServiceAnswer(CustomerStatus.dormant.refusal ?? .generalError, "the payer's status is dormant"),
            ServiceAnswer(CustomerStatus.blocked.refusal ?? .generalError, "the payer's status is blocked"),
            ServiceAnswer(QRISRefusal.insufficientFunds, "the payer's balance is below the amount (and tip)"),
            ServiceAnswer(SNAPError.invalidAmount, "amount differs from the code's"),
            ServiceAnswer(QRISRefusal.paidBill, "the code's order is already paid"),
            ServiceAnswer(QRISRefusal.transactionCancelled, "the code's order was cancelled"),
            ServiceAnswer(QRISRefusal.transactionExpired, "the code's order expired"),
            ServiceAnswer(SNAPError.inconsistentRequest, "partnerReferenceNo was used before with a different payload"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let partnerReferenceNo = try fields.required("partnerReferenceNo", maxLength: 64)
        _ = try fields.string("merchantId", required: false, maxLength: 64)
        _ = try fields.string("subMerchantId", required: false, maxLength: 32)
        let amount = try fields.amount("amount", required: false)
        let fee = try fields.amount("feeAmount", required: false)
        _ = try fields.string("otp", required: false, maxLength: 8)
        _ = try fields.string("verificationId", required: false, maxLength: 32)
        let info = try fields.object("additionalInfo", required: true)
        let content = try info?.required("qrContent", maxLength: 512) ?? ""
        let tip = try info?.amount("tipAmount", required: false)
        let named = try info?.customerNumber("customerNumber", required: request.caller.customerNumber == nil, maxLength: 16)
        let payer = request.caller.customerNumber ?? named ?? ""

        let fingerprint = JSONValue.object(fields.object).canonicalText
        if let replay = state.qris.hostToHostAnswer(partnerReferenceNo) {
            guard replay.fingerprint == fingerprint else {
                throw SNAPError.inconsistentRequest.explained([
                    "summary": .string("partnerReferenceNo \(partnerReferenceNo) was used with another payload"),
                ])
            }
            return replay.answer.outcome
        }
        let settled = try state.payQR(
            content, payer: payer, amount: amount, tip: tip, partnerReferenceNo: partnerReferenceNo,
            fixtures: request.fixtures, at: request.time)
        var answer: JSONObject = [
            "referenceNo": .string(settled.referenceNo),
            "partnerReferenceNo": .string(partnerReferenceNo),
            "transactionDate": .string(QRISRefusal.jakarta(settled.paidAt)),
            "amount": settled.amount.json,
        ]
        if let fee { answer["feeAmount"] = fee.json }
        let recorded = RecordedAnswer(key: ServiceAnswer.success.key, fields: answer)
        state.qris.recordHostToHost(partnerReferenceNo, fingerprint: fingerprint, answer: recorded)
        return recorded.outcome
    }
}
