import SNAPSim
import SimJSON

extension PayKind {
    /// `--debit REFERENCE [--customer 08…] [--action approve|decline]`: the customer approves (pays) or declines
    /// a direct-debit payment waiting at its webRedirectUrl.
    static let directDebit = PayKind(
        flag: "debit", valueName: "REFERENCE",
        summary:
            "Approve a direct-debit payment (referenceNo or partnerReferenceNo; --customer who pays, --action decline)",
        options: ["customer", "action"], path: "/_sim/payer/direct-debit"
    ) { (value: String, options: [String: String]) throws(CLIError) -> JSONObject in
        var body: JSONObject = ["referenceNo": .string(value)]
        if let customer = options["customer"] { body["customerNumber"] = .string(customer) }
        if let action = options["action"] {
            guard action == "approve" || action == "decline" else {
                throw .usage("--action for --debit is approve or decline, not \"\(action)\"")
            }
            body["action"] = .string(action)
        }
        return body
    }

    /// `--binding REFERENCE [--action approve|reject]`: the customer approves an account binding or a card
    /// registration at its redirectUrl.
    static let binding = PayKind(
        flag: "binding", valueName: "REFERENCE",
        summary: "Approve an account binding or card registration (--action reject to refuse)",
        options: ["action"], path: "/_sim/payer/binding"
    ) { (value: String, options: [String: String]) throws(CLIError) -> JSONObject in
        var body: JSONObject = ["referenceNo": .string(value)]
        if let action = options["action"] {
            guard action == "approve" || action == "reject" else {
                throw .usage("--action for --binding is approve or reject, not \"\(action)\"")
            }
            body["action"] = .string(action)
        }
        return body
    }

    /// `--otp REFERENCE [--code DIGITS]`: the customer enters the OTP of a pending binding or card (the one they
    /// were sent, unless --code says otherwise).
    static let otp = PayKind(
        flag: "otp", valueName: "REFERENCE",
        summary:
            "Enter the OTP of a pending binding or card (binding referenceNo or chargeToken; --code to type another)",
        options: ["code"], path: "/_sim/payer/otp"
    ) { (value: String, options: [String: String]) throws(CLIError) -> JSONObject in
        var body: JSONObject = ["referenceNo": .string(value)]
        if let code = options["code"] { body["otp"] = .string(code) }
        return body
    }
}
