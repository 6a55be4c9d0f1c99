import QRISCode
import SimHTTP
import SimJSON

/// DANA payment gateway, create order: by redirect (a checkout URL) or by API with a pay option; with
/// `NETWORK_PAY_PG_QRIS` the answer carries a real dynamic QRIS in `additionalInfo.paymentCode`.
///
/// The order is paid by the simulated payer: its QRIS (`snapsim pay --qr`) or its checkout URL
/// (`POST /_sim/payer/qr` with `url`). Idempotent on partnerReferenceNo like QR MPM generate; the order expires
/// at `validUpTo`.
struct PaymentGatewayCreateOrder: SNAPService {
    let descriptor = ServiceDescriptor.paymentGatewayCreateOrder
    /// The pay options the sandbox can settle.
    static let payOptions = ["NETWORK_PAY_PG_QRIS"]

    var answers: [ServiceAnswer] {
        [
            .success,
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "a field has the wrong type, length or form (validUpTo in the future with +07:00, a pay option other than NETWORK_PAY_PG_QRIS)"),
            ServiceAnswer(SNAPError.invalidMandatoryField(""), "partnerReferenceNo, merchantId, amount, validUpTo or urlParams is missing, or externalStoreId with the QRIS pay option"),
            ServiceAnswer(SNAPError.invalidMerchant, "merchantId is not a merchant of merchants.json"),
            ServiceAnswer(QRISRefusal.merchantBlacklisted, "the merchant's status is blacklisted"),
            ServiceAnswer(SNAPError.invalidAmount, "amount is zero"),
            ServiceAnswer(SNAPError.inconsistentRequest, "partnerReferenceNo was used before with a different payload"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let partnerReferenceNo = try fields.required("partnerReferenceNo", maxLength: 64)
        let merchantId = try fields.required("merchantId", maxLength: 64)
        _ = try fields.string("subMerchantId", required: false, maxLength: 32)
        let amount = try fields.amount("amount", required: true) ?? .zero
        let storeId = try fields.string("externalStoreId", required: false, maxLength: 64)
        let validUpTo = try fields.timestamp("validUpTo", required: true)
        _ = try fields.string("disabledPayMethods", required: false, maxLength: 64)
        guard case .array? = fields.object["urlParams"] else { throw fields.missing("urlParams") }
        let info = try fields.object("additionalInfo", required: false)
        let title = try info?.object("order", required: false)?.string("orderTitle", required: false, maxLength: 64)
        let payOption = try payOption(fields)
        if payOption != nil, storeId == nil {
            // DANA shows the QRIS pay option only for a store (its SDK checks this too).
            throw fields.missing("externalStoreId")
        }

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
        guard amount.minorUnits > 0 else { throw SNAPError.invalidAmount.explained(["summary": "amount must be more than 0.00"]) }
        if let validUpTo, validUpTo.time <= request.time {
            throw fields.format("validUpTo", "must be in the future", received: .string(QRISRefusal.jakarta(validUpTo.time)))
        }
        let referenceNo = request.referenceNumber(&state)
        var order = QRPayment(
            origin: .paymentGateway, partnerReferenceNo: partnerReferenceNo, referenceNo: referenceNo,
            externalId: request.caller.externalID, merchantId: merchantId, amount: amount, createdAt: request.time,
            fingerprint: fingerprint, answer: RecordedAnswer(key: ServiceAnswer.success.key))
        order.storeId = storeId
        order.title = title
        order.validUntil = validUpTo?.time
        var answer: JSONObject = ["referenceNo": .string(referenceNo), "partnerReferenceNo": .string(partnerReferenceNo)]
        if payOption != nil {
            do throws(QRISProblem) {
                order.qrContent = try MerchantQRCode.dynamicCode(
                    for: merchant, amount: amount, referenceNo: referenceNo, billNumber: partnerReferenceNo, terminalId: nil)
            } catch {
                throw SNAPError.invalidFieldFormat("amount").explained(["summary": .string("no QRIS can carry this: \(error.message)")])
            }
            answer["additionalInfo"] = ["paymentCode": .string(order.qrContent ?? "")]
        } else {
            let host = request.exchange.request.headers["Host"] ?? "127.0.0.1"
            order.webRedirectUrl = "http://\(host)/_sim/checkout/\(referenceNo)"
            answer["webRedirectUrl"] = .string(order.webRedirectUrl ?? "")
        }
        order.answer = RecordedAnswer(key: ServiceAnswer.success.key, fields: answer)
        state.qris.save(order)
        return order.answer.outcome
    }

    /// The pay option of an order by API (`payOptionDetails`), `nil` for an order by redirect.
    private func payOption(_ fields: RequestFields) throws(SNAPError) -> String? {
        guard let value = fields.object["payOptionDetails"], value != .null else { return nil }
        guard case .array(let details) = value, let first = details.first?.objectValue else {
            throw fields.format("payOptionDetails", "must be an array of pay options", received: value)
        }
        let option = first["payOption"]?.stringValue ?? ""
        guard Self.payOptions.contains(option) else {
            throw SNAPError.invalidFieldFormat("payOptionDetails.payOption").explained([
                "summary": .string("the sandbox settles \(Self.payOptions.joined(separator: ", ")) by API (others by redirect: leave payOptionDetails out)"),
                "received": .string(option),
            ])
        }
        return option
    }
}
