import SimJSON

/// Cancels an unpaid QR or payment-gateway order: QR MPM cancel (77) and DANA's payment-gateway cancel order.
///
/// Only while unpaid: a paid order answers `405xx01 Requested Operation Is Not Allowed` (refund it instead).
/// Cancelling a cancelled (or expired) order answers success again with the first cancel time.
struct QRPaymentCancel: SNAPService {
    let descriptor: ServiceDescriptor

    private var isPaymentGateway: Bool { descriptor == .paymentGatewayCancel }

    var answers: [ServiceAnswer] {
        [
            .success,
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "a field has the wrong type or length"),
            ServiceAnswer(SNAPError.invalidMandatoryField(""), "merchantId is missing, reason is missing (ASPI), or neither originalPartnerReferenceNo nor originalReferenceNo is given"),
            ServiceAnswer(SNAPError.transactionNotFound, "no order of this merchant has these references"),
            ServiceAnswer(QRISRefusal.operationNotAllowed, "the order is already paid (refund it instead)"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let (found, partnerReferenceNo, referenceNo, _) = try state.qris.find(
            fields, partnerReferenceRequired: isPaymentGateway, externalIdLength: max(36, request.fixtures.security.externalIDMaxLength))
        let merchantId = try fields.required("merchantId", maxLength: 64)
        _ = try fields.string("subMerchantId", required: false, maxLength: 32)
        _ = try fields.string("externalStoreId", required: false, maxLength: 64)
        let reason = try fields.string("reason", required: !isPaymentGateway, maxLength: 256)
        _ = try fields.amount("amount", required: false)
        _ = try fields.object("additionalInfo", required: false)
        guard var order = found, order.merchantId == merchantId else {
            throw SNAPError.transactionNotFound.explained([
                "summary": .string("merchant \(merchantId) has no order \(partnerReferenceNo ?? referenceNo ?? "")"),
            ])
        }
        switch order.status(at: request.time) {
        case .initiated, .canceled:
            if order.cancelledAt == nil {
                order.cancelledAt = request.time
                order.cancelReason = reason
                state.qris.save(order)
            }
        default:
            throw QRISRefusal.operationNotAllowed.explained([
                "summary": .string("order \(order.partnerReferenceNo) is paid: it can no longer be cancelled, only refunded"),
            ])
        }
        var answer: JSONObject = [
            "originalReferenceNo": .string(order.referenceNo),
            "originalPartnerReferenceNo": .string(order.partnerReferenceNo),
        ]
        if let externalId = order.externalId, externalId.count <= (isPaymentGateway ? 36 : 32) {
            answer["originalExternalId"] = .string(externalId)
        }
        answer["cancelTime"] = .string(QRISRefusal.jakarta(order.cancelledAt ?? request.time))
        answer["transactionDate"] = .string(QRISRefusal.jakarta(order.createdAt))
        return .snap(key: ServiceAnswer.success.key, fields: answer)
    }
}
