import SimJSON

/// The references of a status inquiry and the transfer they lead to.
private struct StatusQuery {
    var partnerReferenceNo: String?
    var referenceNo: String?
    var externalId: String?
    var serviceCode: String
    var found: TransferRecord?

    /// Reads the references and `serviceCode` (one of `accepted`), and finds the transfer made by the service
    /// `services` maps that code to.
    init(
        _ request: ServiceRequest, _ state: PartnerState, accepted: [String],
        services: (String) -> ServiceCode
    ) throws(SNAPError) {
        let fields = request.fields
        partnerReferenceNo = try fields.string("originalPartnerReferenceNo", required: false, maxLength: 64)
        referenceNo = try fields.string("originalReferenceNo", required: false, maxLength: 64)
        externalId = try fields.string(
            "originalExternalId", required: false, maxLength: max(36, request.fixtures.security.externalIDMaxLength))
        serviceCode = try fields.required("serviceCode", maxLength: 2)
        _ = try fields.object("additionalInfo", required: false)
        guard accepted.contains(serviceCode) else {
            throw fields.format("serviceCode", "must be \(accepted.map { "\"\($0)\"" }.joined(separator: " or "))",
                received: .string(serviceCode))
        }
        guard partnerReferenceNo != nil || referenceNo != nil || externalId != nil else {
            throw SNAPError.invalidMandatoryField("originalPartnerReferenceNo").explained([
                "summary": "give originalPartnerReferenceNo, originalReferenceNo or originalExternalId of the transfer",
            ])
        }
        let record = state.transfers.find(
            partnerReferenceNo: partnerReferenceNo, referenceNo: referenceNo, externalId: externalId)
        found = record.flatMap { $0.service == services(serviceCode) ? $0 : nil }
    }

    /// The original* members, from the transfer when found, else as asked.
    var originals: JSONObject {
        var answer = JSONObject()
        if let value = found?.referenceNo ?? referenceNo { answer["originalReferenceNo"] = .string(value) }
        if let value = found?.partnerReferenceNo ?? partnerReferenceNo { answer["originalPartnerReferenceNo"] = .string(value) }
        if let value = found?.externalId ?? externalId { answer["originalExternalId"] = .string(value) }
        return answer
    }

    var status: TransactionStatus { found?.status ?? .notFound }
}

/// Transfer status inquiry (service 36): an intrabank (17) or interbank (18) transfer's latest status.
///
/// An unknown transfer is not an error: `2003600` with `latestTransactionStatus` `07` (Not Found).
struct TransferStatus: SNAPService {
    let descriptor = ServiceDescriptor.transferStatus

    var answers: [ServiceAnswer] { TransferAnswers.status }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let query = try StatusQuery(request, state, accepted: ["17", "18"]) { ServiceCode(stringLiteral: $0) }
        _ = try request.fields.timestamp("transactionDate", required: false)
        let askedAmount = try request.fields.amount("amount", required: false)
        var answer = query.originals
        answer["serviceCode"] = .string(query.serviceCode)
        if let found = query.found {
            answer["transactionDate"] = .string(found.transactionDate)
        }
        answer["amount"] = (query.found?.amount ?? askedAmount ?? .zero).json
        if let found = query.found {
            answer["beneficiaryAccountNo"] = .string(found.beneficiaryAccountNo)
            if let bank = found.beneficiaryBankCode { answer["beneficiaryBankCode"] = .string(bank) }
            answer["currency"] = .string(found.amount.currency)
            answer["previousResponseCode"] = .string(ResponseCode(found.answer.key, service: found.service).description)
            if let traceNo = found.traceNo { answer["referenceNumber"] = .string(traceNo) }
            if case .account(let accountNo) = found.source { answer["sourceAccountNo"] = .string(accountNo) }
            if let referenceNo = found.referenceNo { answer["transactionId"] = .string(referenceNo) }
        }
        answer["latestTransactionStatus"] = .string(query.status.rawValue)
        answer["transactionStatusDesc"] = .string(query.status.statusDescription)
        return .snap(key: ServiceAnswer.success.key, fields: answer)
    }
}

/// Transfer to bank inquiry status (DANA, service code 00): a transfer to bank's (43) latest status.
///
/// DANA documents `serviceCode` "00" for it; "43", the transfer's own code, is accepted too.
struct TransferToBankStatus: SNAPService {
    let descriptor = ServiceDescriptor.transferToBankStatus

    var answers: [ServiceAnswer] { TransferAnswers.status }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let query = try StatusQuery(request, state, accepted: ["00", "43"]) { _ in .transferToBank }
        var answer = query.originals
        answer["serviceCode"] = .string(query.serviceCode)
        if let found = query.found { answer["amount"] = found.amount.json }
        answer["latestTransactionStatus"] = .string(query.status.rawValue)
        answer["transactionStatusDesc"] = .string(query.status.statusDescription)
        return .snap(key: ServiceAnswer.success.key, fields: answer)
    }
}
