import SimHTTP
import SimJSON

/// `POST /_sim/payer/qr?partner=ID`: the simulated customer scans a QRIS (or opens an order's checkout URL) and
/// pays it from their e-money balance, crediting the merchant.
///
/// Body: `{"customerNumber": "081977817902", "qrContent": "000201…"}` (optionally `"amount": "10000.00"` for a
/// static code without amount, `"tipAmount"` when the code prompts for a tip), or `{"customerNumber": …,
/// "url": "<webRedirectUrl>"}` / `"referenceNo"` for a payment-gateway order. Answers the settled payment and
/// sends the `qr-payment` notification (52); with `"settleAfterSeconds": N` the payment stays `03` Pending for N
/// seconds of simulator time and settles (and notifies) on the clock.
extension AdminAPI {
    static let payerQRPath = "/_sim/payer/qr"

    func payQR(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        guard request.method == .post else { throw notAllowed(request, allowed: "POST") }
        let usage = #"Send {"customerNumber": "081977817902", "qrContent": "000201…"} or {"customerNumber": …, "url": "<webRedirectUrl>"}."#
        guard let partner = try partner(request, required: true) else { throw AdminFailure(reply: error(400, usage)) }
        let body = try jsonBody(request, usage: usage).objectValue ?? [:]
        guard var payer = body["customerNumber"]?.stringValue else {
            return error(400, "Name the paying customer: customerNumber (08… or 628…). \(usage)")
        }
        if payer.hasPrefix("62") { payer = "0" + payer.dropFirst(2) }
        let amount = try amountMember("amount", body)
        let tip = try amountMember("tipAmount", body)
        let content = body["qrContent"]?.stringValue
        let reference = body["referenceNo"]?.stringValue
            ?? body["url"]?.stringValue.flatMap { $0.split(separator: "/").last.map(String.init) }
        guard content != nil || reference != nil else { return error(400, "Give qrContent, url or referenceNo. \(usage)") }
        let settleAfter = try settleAfterSeconds(body)
        let now = simulator.clock.now()
        let result: Result<SettledQRPayment, SNAPError> = simulator.withPartner(partner) { partnerState, fixtures in
            do throws(SNAPError) {
                let settled = if let content {
                    try partnerState.payQR(
                        content, payer: payer, amount: amount, tip: tip, partnerReferenceNo: nil, fixtures: fixtures,
                        at: now)
                } else {
                    try partnerState.payOrder(referenceNo: reference ?? "", payer: payer, fixtures: fixtures, at: now)
                }
                if let settleAfter {
                    partnerState.holdQRSettlement(settled, until: now + .seconds(settleAfter))
                } else {
                    partnerState.notifyQRPayment(settled, fixtures: fixtures, at: now)  // issue 14
                }
                return .success(settled)
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let settled):
            simulator.sendNotifications(of: partner)
            var answer: JSONObject = [
                "partner": .string(partner),
                "partnerReferenceNo": .string(settled.partnerReferenceNo),
                "referenceNo": .string(settled.referenceNo),
                "origin": .string(settled.origin.rawValue),
                "merchantId": .string(settled.merchantId),
                "customerNumber": .string(settled.payer),
                "amount": settled.amount.json,
                "paidAt": .string(QRISRefusal.jakarta(settled.paidAt)),
                "latestTransactionStatus": settleAfter == nil ? "00" : "03",
            ]
            if let settleAfter { answer["settlesAt"] = .string(QRISRefusal.jakarta(now + .seconds(settleAfter))) }
            return json(200, .object(answer))
        case .failure(let refusal):
            // As QR MPM payment host-to-host (50) would answer it, like the other payer endpoints.
            var answer: JSONObject = [
                "error": .string(refusal.explanation?["summary"]?.stringValue ?? "the payment was refused"),
                "responseCode": .string(ResponseCode(refusal.key, service: .qrMPMPayment).description),
                "responseMessage": .string(simulator.fixtures.catalogue.message(
                    for: refusal.key, service: .qrMPMPayment, placeholders: refusal.placeholders)),
                "case": .string("\(refusal.key.httpStatus)xx\(refusal.key.caseCode)"),
            ]
            if let explanation = refusal.explanation { answer["explanation"] = .object(explanation) }
            return json(refusal.key.httpStatus, .object(answer))
        }
    }

    /// `settleAfterSeconds`: the payment stays `03` Pending that long (simulator time), then settles and notifies.
    private func settleAfterSeconds(_ body: JSONObject) throws(AdminFailure) -> Int? {
        guard let member = body["settleAfterSeconds"], member != .null else { return nil }
        guard let seconds = member.intValue, (1...31_536_000).contains(seconds) else {
            throw AdminFailure(reply: error(400, "settleAfterSeconds must be a whole number of seconds from 1 to 31536000."))
        }
        return seconds
    }

    private func amountMember(_ name: String, _ body: JSONObject) throws(AdminFailure) -> Amount? {
        guard let member = body[name], member != .null else { return nil }
        guard let text = member.stringValue, let units = Amount.parseValue(text) else {
            throw AdminFailure(reply: error(400, "\(name) must be a string such as \"10000.00\"."))
        }
        return Amount(minorUnits: units)
    }
}
