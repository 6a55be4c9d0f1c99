import SimJSON

/// Customer top-up inquiry status (service 39): what became of a top-up, found by any of its references.
///
/// An unknown top-up is not an error: the answer is `2003900` with `latestTransactionStatus` `07` (Not Found).
struct TopUpStatus: SNAPService {
    let descriptor = ServiceDescriptor.topUpStatus

    var answers: [ServiceAnswer] {
        [
            ServiceAnswer(ServiceAnswer.success.key, "always for a valid request: latestTransactionStatus 00 (credited), 03 (pending: customers.json pendingTopUp), 06 (refused) or 07 (not found)"),
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "a field has the wrong type or length, or serviceCode is not \"38\""),
            ServiceAnswer(SNAPError.invalidMandatoryField(""), "serviceCode is missing, or none of originalPartnerReferenceNo, originalReferenceNo, originalExternalId is given"),
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
        guard serviceCode == ServiceCode.customerTopUp.rawValue else {
            throw fields.format("serviceCode", "must be \"38\" (customer top-up)", received: .string(serviceCode))
        }
        guard partnerReferenceNo != nil || referenceNo != nil || externalId != nil else {
            throw SNAPError.invalidMandatoryField("originalPartnerReferenceNo").explained([
                "summary": "give originalPartnerReferenceNo, originalReferenceNo or originalExternalId of the top-up",
            ])
        }

        let journal = state.ledger.topUps
        let candidates = [
            partnerReferenceNo.map { journal.record(partnerReferenceNo: $0) },
            referenceNo.map { journal.record(referenceNo: $0) },
            externalId.map { journal.record(externalId: $0) },
        ].compactMap { $0 }
        // Every reference given must lead to the same top-up.
        let found = candidates.allSatisfy { $0 != nil && $0 == candidates[0] } ? candidates.first ?? nil : nil

        var answer = JSONObject()
        if let value = found?.referenceNo ?? referenceNo { answer["originalReferenceNo"] = .string(value) }
        if let value = found?.partnerReferenceNo ?? partnerReferenceNo { answer["originalPartnerReferenceNo"] = .string(value) }
        if let value = found?.externalId ?? externalId { answer["originalExternalId"] = .string(value) }
        answer["serviceCode"] = .string(serviceCode)
        let status = found?.status ?? .notFound
        answer["latestTransactionStatus"] = .string(status.rawValue)
        answer["transactionStatusDesc"] = .string(status.statusDescription)
        // `amount` is always present: strict SDK models (DANA's) refuse an answer without it, even for status 07.
        answer["amount"] = (found?.amount ?? askedAmount ?? .zero).json
        return .snap(key: ServiceAnswer.success.key, fields: answer)
    }
}
