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
