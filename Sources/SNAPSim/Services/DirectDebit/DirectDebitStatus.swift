import SimJSON

/// Direct debit status (service 55): what became of a payment, found by any of its references, with its
/// refunds. An unknown payment is not an error: `2005500` with `latestTransactionStatus` `07`, as top-up
/// status answers. `serviceCode` is the paid service, `54` (ASPI, DANA); DOKU's SDK sends `55`, also accepted.
struct DirectDebitStatus: SNAPService {
    let descriptor = ServiceDescriptor.directDebitStatus

    var answers: [ServiceAnswer] {
        [
            ServiceAnswer(
                ServiceAnswer.success.key,
                "always for a valid request: latestTransactionStatus 00 paid, 01 waiting for the payer, 04 fully refunded, 05 cancelled or expired, 06 refused or failed, 07 not found"
            ),
            ServiceAnswer(
                SNAPError.invalidFieldFormat(""),
                "a field has the wrong type or length, or serviceCode is not \"54\" or \"55\""),
            ServiceAnswer(
                SNAPError.invalidMandatoryField(""),
                "serviceCode is missing, or none of originalPartnerReferenceNo, originalReferenceNo, originalExternalId is given"
            ),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let partnerReferenceNo = try fields.string("originalPartnerReferenceNo", required: false, maxLength: 64)
        let referenceNo = try fields.string("originalReferenceNo", required: false, maxLength: 64)
        let externalId = try fields.string(
            "originalExternalId", required: false, maxLength: max(36, request.fixtures.security.externalIDMaxLength))
        let serviceCode = try fields.required("serviceCode", maxLength: 2)
        let askedAmount = try fields.amount("amount", required: false)
        _ = try fields.object("additionalInfo", required: false)
        guard
            serviceCode == ServiceCode.directDebitPayment.rawValue
                || serviceCode == ServiceCode.directDebitStatus.rawValue
        else {
            throw fields.format(
                "serviceCode", "must be \"54\" (direct debit payment; DOKU writes \"55\")",
                received: .string(serviceCode))
        }
        guard partnerReferenceNo != nil || referenceNo != nil || externalId != nil else {
            throw SNAPError.invalidMandatoryField("originalPartnerReferenceNo").explained([
                "summary": "give originalPartnerReferenceNo, originalReferenceNo or originalExternalId of the payment"
            ])
        }
        let book = state.directDebit
        let candidates = [
            partnerReferenceNo.map { book.payment(partnerReferenceNo: $0) },
            referenceNo.map { book.payment(referenceNo: $0) },
            externalId.map { book.payment(externalId: $0) },
        ].compactMap { $0 }
        // Every reference given must lead to the same payment.
        var found = candidates.allSatisfy { $0 != nil && $0 == candidates[0] } ? candidates.first ?? nil : nil
        if let known = found {
            state.expireDebitIfDue(known.partnerReferenceNo, at: request.time)
            found = state.directDebit.payment(partnerReferenceNo: known.partnerReferenceNo)
        }

        var answer = JSONObject()
        answer.set("originalPartnerReferenceNo", found?.partnerReferenceNo ?? partnerReferenceNo)
        answer.set("originalReferenceNo", found?.referenceNo ?? referenceNo)
        answer.set("originalExternalId", found?.externalId ?? externalId)
        answer["serviceCode"] = .string(serviceCode)
        let status = found?.status ?? .notFound
        answer["latestTransactionStatus"] = .string(status.rawValue)
        answer["transactionStatusDesc"] = .string(status.statusDescription)
        let amount = (found?.amount ?? askedAmount ?? .zero).json
        answer["amount"] = amount
        answer["transAmount"] = amount
        if let paidAt = found?.paidAt { answer["paidTime"] = ServiceRequest.jakarta(paidAt) }
        if let record = found, !record.refunds.isEmpty {
            answer["refundHistory"] = .array(
                record.refunds.map { refund in
                    var item: JSONObject = [
                        "refundNo": .string(refund.refundNo), "partnerReferenceNo": .string(refund.partnerRefundNo),
                        "refundAmount": refund.amount.json, "refundDate": ServiceRequest.jakarta(refund.refundedAt),
                    ]
                    item.set("reason", refund.reason)
                    return .object(item)
                })
        }
        return .snap(key: ServiceAnswer.success.key, fields: answer)
    }
}

/// Direct debit cancel (service 57): cancels a payment still waiting for the payer (status 01 → 05); a paid
/// payment is refunded instead (`405xx01`). Cancelling twice answers the first cancellation again.
struct DirectDebitCancel: SNAPService {
    let descriptor = ServiceDescriptor.directDebitCancel

    var answers: [ServiceAnswer] {
        [
            ServiceAnswer(
                ServiceAnswer.success.key, "the payment was waiting for the payer (or was already cancelled)"),
            ServiceAnswer(
                SNAPError.invalidMandatoryField(""),
                "neither originalPartnerReferenceNo nor originalReferenceNo is given"),
            ServiceAnswer(SNAPError.transactionNotFound, "no payment of this partner has that reference"),
            ServiceAnswer(
                SNAPError(httpStatus: 405, caseCode: "01"),
                "the payment is settled (paid, refunded or failed): refund a paid one"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let record = try DirectDebitRefund.original(request, state)
        _ = try fields.string("merchantId", required: false, maxLength: 64)
        _ = try fields.string("reason", required: false, maxLength: 256)
        state.expireDebitIfDue(record.partnerReferenceNo, at: request.time)
        let cancelled = try state.cancelDebit(record.partnerReferenceNo, at: request.time)
        var answer: JSONObject = [
            "originalPartnerReferenceNo": .string(cancelled.partnerReferenceNo),
            "originalReferenceNo": .string(cancelled.referenceNo),
        ]
        answer.set("originalExternalId", cancelled.externalId)
        answer["cancelTime"] = ServiceRequest.jakarta(cancelled.cancelledAt ?? request.time)
        answer["transactionDate"] = ServiceRequest.jakarta(cancelled.createdAt)
        return .snap(key: ServiceAnswer.success.key, fields: answer)
    }
}
