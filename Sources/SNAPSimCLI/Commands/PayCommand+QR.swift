import SNAPSim
import SimJSON

extension PayKind {
    /// `--qr STRING --customer 08… [--amount V] [--tip V]`: scans and pays a QRIS, or opens a payment-gateway
    /// order's checkout URL (`http…`) and pays it. `--settle-after SECONDS` leaves the payment pending that long.
    static let qr = PayKind(
        flag: "qr", valueName: "QRIS|URL",
        summary: "Pay a QRIS string, or a DANA order by its webRedirectUrl (with --customer; --amount for a static code, --tip; --settle-after S: pending S seconds)",
        options: ["customer", "amount", "tip", "settle-after"], path: "/_sim/payer/qr"
    ) { (value: String, options: [String: String]) throws(CLIError) -> JSONObject in
        guard let customer = options["customer"] else { throw .usage("--qr needs --customer NUMBER (08…, customers.json)") }
        var body: JSONObject = ["customerNumber": .string(customer)]
        body[value.hasPrefix("http://") || value.hasPrefix("https://") ? "url" : "qrContent"] = .string(value)
        for (option, member) in [("amount", "amount"), ("tip", "tipAmount")] {
            guard let text = options[option] else { continue }
            guard Amount.parseValue(text) != nil else {
                throw .usage("--\(option) takes digits with two decimals, e.g. 10000.00, not \"\(text)\"")
            }
            body[member] = .string(text)
        }
        if let text = options["settle-after"] {
            guard let seconds = Int(text), seconds > 0 else {
                throw .usage("--settle-after takes a whole number of seconds, e.g. 300, not \"\(text)\"")
            }
            body["settleAfterSeconds"] = .number(String(seconds))
        }
        return body
    }
}
