import SNAPSim
import SimJSON

extension PayCommand {
    /// `--qr STRING`: scan and pay a QRIS, or open a payment-gateway order's checkout URL (`http…`) and pay.
    static let qrKind = Kind(
        option: "qr", summary: "pay a QRIS string, or a payment-gateway order by its webRedirectUrl",
        help: """
              --customer NUMBER   (with --qr) the paying e-money customer, 08… (customers.json)
              --amount VALUE      (with --qr) the amount, "10000.00", for a static code without one
              --tip VALUE         (with --qr) the tip, when the code prompts for one
            """
    ) { value, arguments throws(CLIError) in
        guard let customer = try arguments.option("customer") else { throw .usage("--qr needs --customer NUMBER (08…)") }
        var body: JSONObject = ["customerNumber": .string(customer)]
        if value.hasPrefix("http://") || value.hasPrefix("https://") {
            body["url"] = .string(value)
        } else {
            body["qrContent"] = .string(value)
        }
        for (option, member) in [("amount", "amount"), ("tip", "tipAmount")] {
            if let text = try arguments.option(option) {
                guard Amount.parseValue(text) != nil else { throw .usage("--\(option) takes an amount such as 10000.00, not \"\(text)\"") }
                body[member] = .string(text)
            }
        }
        return body
    }
}
