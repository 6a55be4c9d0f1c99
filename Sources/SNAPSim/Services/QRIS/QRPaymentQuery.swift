import SimJSON

/// The status of a QR or payment-gateway payment: QR MPM query (51), QR MPM status inquiry (53) and DANA's
/// payment-gateway query payment. An unknown payment is not an error: `latestTransactionStatus` `07`.
struct QRPaymentQuery: SNAPService {
    let descriptor: ServiceDescriptor
    /// `serviceCode` values accepted: the services whose payments are kept.
    static let serviceCodes = [ServiceCode.qrMPMGenerate, .qrMPMPayment, .paymentGatewayOrder].map(\.rawValue)

    /// DANA's answer: `transAmount` besides `amount`, and `merchantId` mandatory.
    private var isPaymentGateway: Bool { descriptor == .paymentGatewayQuery }

    var answers: [ServiceAnswer] {
        [
            ServiceAnswer(ServiceAnswer.success.key, "always for a valid request: latestTransactionStatus 00 (paid), 01 (initiated), 04 (refunded in full), 05 (cancelled or expired unpaid) or 07 (not found)"),
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "a field has the wrong type or length, or serviceCode is not 47, 50 or 54"),
            ServiceAnswer(SNAPError.invalidMandatoryField(""), "serviceCode is missing (or merchantId, for DANA), or neither originalPartnerReferenceNo nor originalReferenceNo is given"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let externalIdLength = max(36, request.fixtures.security.externalIDMaxLength)
        let (found, partnerReferenceNo, referenceNo, externalId) = try state.qris.find(
            fields, partnerReferenceRequired: false, externalIdLength: externalIdLength)
        let serviceCode = try fields.required("serviceCode", maxLength: 2)
        guard Self.serviceCodes.contains(serviceCode) else {
            throw fields.format("serviceCode", "must be 47 (QR MPM generate), 50 (QR payment) or 54 (payment gateway order)", received: .string(serviceCode))
        }
        let merchantId = try fields.string("merchantId", required: isPaymentGateway, maxLength: 64)
        _ = try fields.string("subMerchantId", required: false, maxLength: 32)
        _ = try fields.string("externalStoreId", required: false, maxLength: 64)
        _ = try fields.timestamp("transactionDate", required: false)
        let askedAmount = try fields.amount("amount", required: false)
        _ = try fields.object("additionalInfo", required: false)
        // Another merchant's payment is not this merchant's to see.
        let payment = found.flatMap { merchantId == nil || $0.merchantId == merchantId ? $0 : nil }

        var answer = JSONObject()
        if let value = payment?.referenceNo ?? referenceNo { answer["originalReferenceNo"] = .string(value) }
        if let value = payment?.partnerReferenceNo ?? partnerReferenceNo { answer["originalPartnerReferenceNo"] = .string(value) }
        // ASPI and DANA's model allow 32 characters here; DANA's own external ids are 36, so longer ones are left out.
        if let value = payment?.externalId ?? externalId, value.count <= 32 { answer["originalExternalId"] = .string(value) }
        answer["serviceCode"] = .string(serviceCode)
        let status = payment?.status(at: request.time) ?? .notFound
        answer["latestTransactionStatus"] = .string(status.rawValue)
        answer["transactionStatusDesc"] = .string(status.statusDescription)
        if let paidAt = payment?.paidAt { answer["paidTime"] = .string(QRISRefusal.jakarta(paidAt)) }
        let amount = payment?.amount ?? askedAmount ?? .zero
        if isPaymentGateway { answer["transAmount"] = amount.json }
        answer["amount"] = amount.json
        if let fee = payment?.feeAmount { answer["feeAmount"] = fee.json }
        if let terminalId = payment?.terminalId, !isPaymentGateway { answer["terminalId"] = .string(terminalId) }
        if let title = payment?.title, isPaymentGateway { answer["title"] = .string(title) }
        return .snap(key: ServiceAnswer.success.key, fields: answer)
    }
}
