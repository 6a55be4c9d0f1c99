import SNAPSim
import SimJSON

extension PayKind {
    /// `--e2pay-topup 08… --amount 50000`: a bank-channel top-up into an M-Bayar account (the `e2pay` profile),
    /// refused with E2Pay's `05` over the account's `sisaTopup`.
    static let e2payTopUp = PayKind(
        flag: "e2pay-topup", valueName: "ACCOUNT",
        summary: "Top up an E2Pay (M-Bayar) account from a bank channel (with --amount in rupiah, e.g. 50000)",
        options: ["amount"], path: "/_sim/payer/e2pay-topup"
    ) { (value: String, options: [String: String]) throws(CLIError) -> JSONObject in
        guard let amount = options["amount"], !amount.isEmpty,
            amount.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") })
        else { throw .usage("--e2pay-topup needs --amount in rupiah, e.g. --amount 50000") }
        return ["accountId": .string(value), "amount": .number(amount)]
    }
}

extension PayKind {
    /// `--e2pay-upgrade 08… --action verify|approve|reject [--by NAME] [--reason TEXT]`: E2Pay's back office deciding
    /// a customer's upgrade request (maker verifies, a checker approves — premium at once — or rejects).
    static let e2payUpgrade = PayKind(
        flag: "e2pay-upgrade", valueName: "ACCOUNT",
        summary: "Decide an E2Pay upgrade request: --action verify (maker), then approve or reject (checker)",
        options: ["action", "by", "reason"], path: "/_sim/payer/e2pay-upgrade"
    ) { (value: String, options: [String: String]) throws(CLIError) -> JSONObject in
        guard let action = options["action"], ["verify", "approve", "reject"].contains(action) else {
            throw .usage("--e2pay-upgrade needs --action verify (maker), then --action approve or reject (checker)")
        }
        var body: JSONObject = ["accountId": .string(value), "decision": .string(action)]
        if let by = options["by"] { body["by"] = .string(by) }
        if let reason = options["reason"] { body["reason"] = .string(reason) }
        return body
    }
}
