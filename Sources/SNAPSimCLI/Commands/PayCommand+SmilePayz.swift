import SNAPSim
import SimJSON

extension PayKind {
    /// `--smilepayz TRADE_OR_ORDER_NO [--outcome success|failure] [--trade-type 1|2] [--payment-method BCA]`: the
    /// SmilePayz back office's "Set Callback" (the payer pays, or the order fails).
    static let smilePayz = PayKind(
        flag: "smilepayz", valueName: "TRADE_OR_ORDER_NO",
        summary: "End a SmilePayz order as \"Set Callback\" does (--outcome failure; --trade-type 2; --payment-method for a cashier order)",
        options: ["outcome", "trade-type", "payment-method"], path: "/_sim/payer/smilepayz"
    ) { (value: String, options: [String: String]) throws(CLIError) -> JSONObject in
        var body: JSONObject = [(value.hasPrefix("T") ? "tradeNo" : "orderNo"): .string(value)]
        if let outcome = options["outcome"] {
            guard outcome == "success" || outcome == "failure" else {
                throw .usage("--outcome for --smilepayz is success or failure, not \"\(outcome)\"")
            }
            body["outcome"] = .string(outcome)
        }
        if let type = options["trade-type"] {
            guard type == "1" || type == "2" else { throw .usage("--trade-type is 1 (pay-in) or 2 (pay-out), not \"\(type)\"") }
            body["tradeType"] = .number(type)
        }
        if let method = options["payment-method"] { body["paymentMethod"] = .string(method) }
        return body
    }
}
