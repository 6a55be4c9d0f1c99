import SimJSON

/// Refunds a paid QR or payment-gateway payment, in part or in full: QR MPM refund (78) and DANA's
/// payment-gateway refund order.
///
/// The merchant account is debited and the payer credited. Refunds together never exceed what was paid
/// (`404xx13 Invalid Amount`); each partnerRefundNo is used once (a retry with the same payload replays the
/// answer, another payload is `404xx18`).
struct QRPaymentRefund: SNAPService {
    let descriptor: ServiceDescriptor

    private var isPaymentGateway: Bool { descriptor == .paymentGatewayRefund }

    var answers: [ServiceAnswer] {
        [
            .success,
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "a field has the wrong type or length"),
            ServiceAnswer(SNAPError.invalidMandatoryField(""), "originalPartnerReferenceNo, partnerRefundNo or refundAmount is missing (and merchantId, for DANA)"),
            ServiceAnswer(SNAPError.transactionNotFound, "no payment of this merchant has these references"),
            ServiceAnswer(QRISRefusal.invalidTransactionStatus, "the payment is not paid yet (cancel it instead)"),
            ServiceAnswer(QRISRefusal.transactionCancelled, "the payment was cancelled"),
            ServiceAnswer(SNAPError.invalidAmount, "refundAmount is zero or more than what remains to refund"),
            ServiceAnswer(QRISRefusal.insufficientFunds, "the merchant account's available balance is below refundAmount"),
            ServiceAnswer(SNAPError.inconsistentRequest, "partnerRefundNo was used before with a different payload"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let merchantId = try fields.string("merchantId", required: isPaymentGateway, maxLength: 64)
        _ = try fields.string("subMerchantId", required: false, maxLength: 32)
        _ = try fields.string("externalStoreId", required: false, maxLength: 64)
        let (found, partnerReferenceNo, _, _) = try state.qris.find(
            fields, partnerReferenceRequired: true, externalIdLength: max(36, request.fixtures.security.externalIDMaxLength))
        _ = try fields.string("originalCaptureNo", required: false, maxLength: 64)
        let partnerRefundNo = try fields.required("partnerRefundNo", maxLength: 64)
        let amount = try fields.amount("refundAmount", required: true) ?? .zero
        _ = try fields.string("reason", required: false, maxLength: 256)
        _ = try fields.object("additionalInfo", required: false)
        let fingerprint = JSONValue.object(fields.object).canonicalText

        if let owner = state.qris.payment(partnerRefundNo: partnerRefundNo),
            let refund = owner.refunds.first(where: { $0.partnerRefundNo == partnerRefundNo })
        {
            guard refund.fingerprint == fingerprint else {
                throw SNAPError.inconsistentRequest.explained([
                    "summary": .string("partnerRefundNo \(partnerRefundNo) was used with another payload (refund \(refund.refundNo))"),
                ])
            }
            return answer(owner, refund)
        }
        guard var payment = found, merchantId == nil || payment.merchantId == merchantId else {
            throw SNAPError.transactionNotFound.explained([
                "summary": .string("no payment \(partnerReferenceNo ?? "") of merchant \(merchantId ?? "(any)")"),
            ])
        }
        switch payment.status(at: request.time) {
        case .success, .refunded: break
        case .canceled: throw QRISRefusal.transactionCancelled.explained(["summary": "the payment was cancelled: nothing to refund"])
        default: throw QRISRefusal.invalidTransactionStatus.explained(["summary": "the payment is not paid yet: cancel it instead"])
        }
        let remaining = payment.paid.minorUnits - payment.refunded.minorUnits
        guard amount.minorUnits > 0, amount.minorUnits <= remaining else {
            throw SNAPError.invalidAmount.explained([
                "summary": .string("refundAmount \(amount.value) must be more than 0.00 and at most the \(Amount(minorUnits: remaining).value) not yet refunded"),
            ])
        }
        let merchant = request.fixtures.merchants[payment.merchantId]
        let accountNo = merchant?.accountNo ?? ""
        guard state.ledger.merchantAvailable(accountNo) >= amount else {
            throw QRISRefusal.insufficientFunds.explained([
                "summary": .string("merchant account \(accountNo) has \(state.ledger.merchantAvailable(accountNo).value) available"),
            ])
        }
        state.ledger.moveMerchantFunds(accountNo, -amount.minorUnits)
        if let payer = payment.payer { state.ledger.refundCustomer(payer, amount) }
        let refund = QRRefund(
            partnerRefundNo: partnerRefundNo, refundNo: request.referenceNumber(&state), amount: amount, at: request.time,
            fingerprint: fingerprint)
        payment.refunds.append(refund)
        state.qris.save(payment)
        return answer(payment, refund)
    }

    private func answer(_ payment: QRPayment, _ refund: QRRefund) -> Outcome {
        var answer: JSONObject = [
            "originalPartnerReferenceNo": .string(payment.partnerReferenceNo),
            "originalReferenceNo": .string(payment.referenceNo),
        ]
        if let externalId = payment.externalId, externalId.count <= (isPaymentGateway ? 36 : 32) {
            answer["originalExternalId"] = .string(externalId)
        }
        answer["refundNo"] = .string(refund.refundNo)
        answer["partnerRefundNo"] = .string(refund.partnerRefundNo)
        answer["refundAmount"] = refund.amount.json
        answer["refundTime"] = .string(QRISRefusal.jakarta(refund.at))
        return .snap(key: ServiceAnswer.success.key, fields: answer)
    }
}
