import SimJSON

/// Direct debit refund (service 58): gives part or all of a paid payment back to the payer, from the merchant.
/// Refunds never add up to more than was paid; each partnerRefundNo is used once (a retry with the same payload
/// gets the same answer, another payload `404xx18`). A fully refunded payment's status becomes 04.
struct DirectDebitRefund: SNAPService {
    let descriptor = ServiceDescriptor.directDebitRefund

    var answers: [ServiceAnswer] {
        [
            ServiceAnswer(ServiceAnswer.success.key, "the refund is made: the customer credited, the merchant debited"),
            ServiceAnswer(
                SNAPError.invalidFieldFormat(""), "a field has the wrong type or length (refundAmount \"10000.00\" IDR)"
            ),
            ServiceAnswer(
                SNAPError.invalidMandatoryField(""),
                "partnerRefundNo or refundAmount is missing, or neither originalPartnerReferenceNo nor originalReferenceNo is given"
            ),
            ServiceAnswer(SNAPError.transactionNotFound, "no payment of this partner has that reference"),
            ServiceAnswer(SNAPError.invalidAmount, "refundAmount is zero or above what is still refundable"),
            ServiceAnswer(SNAPError.inconsistentRequest, "partnerRefundNo was used before for another refund"),
            ServiceAnswer(
                SNAPError(httpStatus: 405, caseCode: "01"), "the payment is not paid (waiting, cancelled or failed)"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let record = try Self.original(request, state)
        let partnerRefundNo = try fields.required("partnerRefundNo", maxLength: 64)
        let amount = try fields.amount("refundAmount", required: true) ?? .zero
        let reason = try fields.string("reason", required: false, maxLength: 256)
        _ = try fields.string("merchantId", required: false, maxLength: 64)
        _ = try fields.object("additionalInfo", required: false)
        let fingerprint = JSONValue.object(fields.object).canonicalText

        if let owner = state.directDebit.refundOwner(of: partnerRefundNo) {
            let payment = state.directDebit.payment(partnerReferenceNo: owner)
            guard owner == record.partnerReferenceNo,
                let earlier = payment?.refunds.first(where: { $0.partnerRefundNo == partnerRefundNo }),
                earlier.fingerprint == fingerprint, let payment
            else {
                throw SNAPError.inconsistentRequest.explained([
                    "summary": .string("partnerRefundNo \(partnerRefundNo) was already used for another refund")
                ])
            }
            return .snap(key: ServiceAnswer.success.key, fields: Self.answer(payment, earlier))
        }
        let refund = DebitRefund(
            partnerRefundNo: partnerRefundNo, refundNo: request.referenceNumber(&state), amount: amount, reason: reason,
            refundedAt: request.time, fingerprint: fingerprint)
        let refunded = try state.refundDebit(record.partnerReferenceNo, refund)
        return .snap(key: ServiceAnswer.success.key, fields: Self.answer(refunded, refund))
    }

    private static func answer(_ payment: DebitRecord, _ refund: DebitRefund) -> JSONObject {
        var answer: JSONObject = [
            "originalPartnerReferenceNo": .string(payment.partnerReferenceNo),
            "originalReferenceNo": .string(payment.referenceNo),
        ]
        answer.set("originalExternalId", payment.externalId)
        answer["refundNo"] = .string(refund.refundNo)
        answer["partnerRefundNo"] = .string(refund.partnerRefundNo)
        answer["refundAmount"] = refund.amount.json
        answer["refundTime"] = ServiceRequest.jakarta(refund.refundedAt)
        return answer
    }

    /// The payment a cancel or refund names by originalPartnerReferenceNo or originalReferenceNo.
    static func original(_ request: ServiceRequest, _ state: PartnerState) throws(SNAPError) -> DebitRecord {
        let fields = request.fields
        let partnerReferenceNo = try fields.string("originalPartnerReferenceNo", required: false, maxLength: 64)
        let referenceNo = try fields.string("originalReferenceNo", required: false, maxLength: 64)
        _ = try fields.string("originalExternalId", required: false, maxLength: 64)
        guard partnerReferenceNo != nil || referenceNo != nil else {
            throw SNAPError.invalidMandatoryField("originalPartnerReferenceNo").explained([
                "summary": "give originalPartnerReferenceNo or originalReferenceNo of the payment"
            ])
        }
        let found =
            partnerReferenceNo.flatMap { state.directDebit.payment(partnerReferenceNo: $0) }
            ?? referenceNo.flatMap { state.directDebit.payment(referenceNo: $0) }
        guard let found else {
            throw SNAPError.transactionNotFound.explained([
                "summary": .string("no direct-debit payment \(partnerReferenceNo ?? referenceNo ?? "") of this partner")
            ])
        }
        return found
    }
}
