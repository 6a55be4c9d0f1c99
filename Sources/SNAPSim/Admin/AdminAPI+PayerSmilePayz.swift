import SimHTTP
import SimJSON

/// SmilePayz's sandbox back office and payer: `POST /_sim/payer/smilepayz?partner=ID` with
/// `{"tradeNo": "T1012…", "outcome": "success"}` (or `"orderNo"`, optional `"tradeType"` 1/2, `"outcome"`
/// `failure`, and `"paymentMethod"` for a cashier order) ends an open order as "Set Callback" does, and answers the
/// order with the signed callback it triggers.
extension AdminAPI {
    static let payerSmilePayzPath = "/_sim/payer/smilepayz"
    static let payerSmilePayzUsage =
        "Send {\"tradeNo\": \"T1012…\", \"outcome\": \"success\"} (or orderNo; tradeType 1|2; outcome failure; paymentMethod for a cashier order)."

    func payerSmilePayz(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        guard request.method == .post else { throw notAllowed(request, allowed: "POST") }
        guard let partner = try partner(request, required: true) else {
            return error(400, "Name the partner: ?partner=<merchant id>.")
        }
        let body = try jsonBody(request, usage: Self.payerSmilePayzUsage)
        guard let object = body.objectValue,
            let reference = object["tradeNo"]?.stringValue ?? object["orderNo"]?.stringValue, !reference.isEmpty
        else { return error(400, "tradeNo or orderNo is needed. \(Self.payerSmilePayzUsage)") }
        let outcomeText = object["outcome"]?.stringValue ?? "success"
        guard let outcome = PartnerState.SmilePayzOutcome(rawValue: outcomeText) else {
            return error(400, "outcome is success or failure, not \"\(outcomeText)\".")
        }
        var kind: SmilePayzTrade.Kind?
        if let type = object["tradeType"] {
            guard let number = (type.stringValue ?? type.intValue.map(String.init)).flatMap(Int.init),
                let known = SmilePayzTrade.Kind(rawValue: number)
            else { return error(400, "tradeType is 1 (pay-in) or 2 (pay-out).") }
            kind = known
        }
        let now = simulator.clock.now()
        let method = object["paymentMethod"]?.stringValue
        let result: Result<SmilePayzSettlement, SNAPError> = simulator.withPartner(partner) { partnerState, _ in
            do throws(SNAPError) {
                return .success(try partnerState.settleSmilePayz(
                    reference, kind: kind, outcome: outcome, paymentMethod: method, at: now))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let settled):
            let trade = settled.trade
            var callback: JSONValue = .null
            if let draft = settled.callback {
                callback = .object([
                    "url": .string(draft.url),
                    "headers": .object(JSONObject(draft.headers.map { ($0.0, JSONValue.string($0.1)) })),
                    "body": .object(draft.body),
                ])
            }
            return json(200, [
                "tradeNo": .string(trade.tradeNo), "orderNo": .string(trade.orderNo),
                "tradeType": .number(String(trade.kind.rawValue)), "status": .string(trade.status.rawValue),
                "paymentMethod": .string(trade.paymentMethod ?? ""), "callback": callback,
            ])
        case .failure(let refusal):
            return json(refusal.key.httpStatus, [
                "error": .string(refusal.explanation?["summary"]?.stringValue ?? "the order cannot be settled"),
                "code": .string(SmilePayzEnvelope.code(for: refusal.key)),
                "responseCode": .string(ResponseCode(refusal.key, service: "92").description),
            ])
        }
    }
}
