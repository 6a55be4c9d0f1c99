import QRISCode
import SimJSON

/// QR MPM generate (47): a dynamic QRIS for one payment to a fixture merchant, recorded as an unpaid order.
///
/// Idempotent on partnerReferenceNo: the same payload gets the same code again; another payload is
/// `404xx18 Inconsistent Request`. The code is valid until `validityPeriod` (default: one hour).
struct QRMPMGenerate: SNAPService {
    let descriptor = ServiceDescriptor.qrMPMGenerate
    static let defaultValidity: Duration = .seconds(3600)

    var answers: [ServiceAnswer] {
        [
            .success,
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "a field has the wrong type, length or form (amount \"10000.00\" IDR, terminalId ≤16, validityPeriod ISO-8601 in the future)"),
            ServiceAnswer(SNAPError.invalidMandatoryField(""), "partnerReferenceNo, amount or merchantId is missing"),
            ServiceAnswer(SNAPError.invalidMerchant, "merchantId is not a merchant of merchants.json"),
            ServiceAnswer(QRISRefusal.merchantBlacklisted, "the merchant's status is blacklisted"),
            ServiceAnswer(SNAPError.invalidAmount, "amount is zero"),
            ServiceAnswer(SNAPError.inconsistentRequest, "partnerReferenceNo was used before with a different payload"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let partnerReferenceNo = try fields.required("partnerReferenceNo", maxLength: 64)
        let amount = try fields.amount("amount", required: true) ?? .zero
        let feeAmount = try fields.amount("feeAmount", required: false)
        let merchantId = try fields.required("merchantId", maxLength: 64)
        _ = try fields.string("subMerchantId", required: false, maxLength: 32)
        let storeId = try fields.string("storeId", required: false, maxLength: 64)
        let terminalId = try fields.string("terminalId", required: false, maxLength: 16)
        let validity = try fields.timestamp("validityPeriod", required: false)
        _ = try fields.object("additionalInfo", required: false)

        let fingerprint = JSONValue.object(fields.object).canonicalText
        if let original = state.qris.payment(partnerReferenceNo: partnerReferenceNo) {
            guard original.fingerprint == fingerprint else {
                throw SNAPError.inconsistentRequest.explained([
                    "summary": .string("partnerReferenceNo \(partnerReferenceNo) was used with another payload"),
                ])
            }
            return original.answer.outcome
        }
        let merchant = try QRISRefusal.merchant(merchantId, request.fixtures)
        guard amount.minorUnits > 0 else {
            throw SNAPError.invalidAmount.explained(["summary": "amount must be more than 0.00"])
        }
        if let validity, validity.time <= request.time {
            throw fields.format("validityPeriod", "must be in the future", received: .string(QRISRefusal.jakarta(validity.time)))
        }
        let referenceNo = request.referenceNumber(&state)
        let content: String
        do throws(QRISProblem) {
            content = try MerchantQRCode.dynamicCode(
                for: merchant, amount: amount, referenceNo: referenceNo, billNumber: partnerReferenceNo, terminalId: terminalId)
        } catch {
            throw SNAPError.invalidFieldFormat("amount").explained(["summary": .string("no QRIS can carry this: \(error.message)")])
        }
        var answer: JSONObject = [
            "referenceNo": .string(referenceNo),
            "partnerReferenceNo": .string(partnerReferenceNo),
            "qrContent": .string(content),
            "merchantName": .string(merchant.name),
        ]
        if let storeId { answer["storeId"] = .string(storeId) }
        if let terminalId { answer["terminalId"] = .string(terminalId) }
        var order = QRPayment(
            origin: .generatedQR, partnerReferenceNo: partnerReferenceNo, referenceNo: referenceNo,
            externalId: request.caller.externalID, merchantId: merchantId, amount: amount, createdAt: request.time,
            fingerprint: fingerprint, answer: RecordedAnswer(key: ServiceAnswer.success.key, fields: answer))
        order.feeAmount = feeAmount
        order.storeId = storeId
        order.terminalId = terminalId
        order.qrContent = content
        order.validUntil = validity?.time ?? request.time + Self.defaultValidity
        state.qris.save(order)
        return order.answer.outcome
    }
}
