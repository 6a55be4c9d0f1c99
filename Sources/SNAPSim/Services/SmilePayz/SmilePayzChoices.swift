/// Everything about SmilePayz that its documentation leaves open and the simulator chooses (smilepayz.md labels
/// these **I**), in one place; docs/smilepayz.md lists them.
enum SmilePayzChoices {
    /// The merchant's pay-in account (pay-ins settle into it) in the ledger (`fixtures/smilepayz.json`).
    static func payInAccount(_ merchantId: String) -> String { merchantId + "-PAYIN" }
    /// The merchant's pay-out account (pay-outs draw from it).
    static func payOutAccount(_ merchantId: String) -> String { merchantId + "-PAYOUT" }

    /// Pay-in methods for Indonesia and what each answers in `channel`.
    enum PayInKind: Sendable { case virtualAccount, qris, eWallet, card, retail }

    static func payInKind(_ method: String) -> PayInKind? {
        switch method {
        case "BNI", "BJB", "MAYBANK", "MANDIRI", "CIMB", "DANAMON", "PERMATA", "BRI", "BCA": .virtualAccount
        case "QRIS": .qris
        case "W_OVO", "W_DANA", "W_GOPAY", "W_SHOPEEPAY", "W_LINKAJA": .eWallet
        case "C_VISA", "C_MASTER_CARD", "C_JCB": .card
        case "S_ALFAMART", "S_INDOMARET": .retail
        default: nil
        }
    }

    static let payInMethods = "BNI, BJB, MAYBANK, MANDIRI, CIMB, DANAMON, PERMATA, BRI, BCA, QRIS, W_OVO, W_DANA, "
        + "W_GOPAY, W_SHOPEEPAY, W_LINKAJA, C_VISA, C_MASTER_CARD, C_JCB, S_ALFAMART, S_INDOMARET"

    /// Pay-out methods: banks by short code and the wallets DANA and OVO (no `W_` prefix).
    static let payOutMethods: Set<String> = [
        "BCA", "BRI", "BNI", "MANDIRI", "DANAMON", "PERMATA", "CIMB", "BJB", "MAYBANK", "BSI", "DANA", "OVO",
    ]

    /// Pay-in amount range in rupiah: 10,000 minimum for VA, card and retail, 1,000 for QRIS and e-wallets (and
    /// the cashier, whose method is not chosen yet); 1,000,000,000 maximum (the platform's `AMOUNT_MAX`).
    static func payInRange(_ kind: PayInKind?) -> ClosedRange<Int64> {
        switch kind {
        case .virtualAccount, .card, .retail: 10_000...1_000_000_000
        case .qris, .eWallet, nil: 1_000...1_000_000_000
        }
    }

    /// Pay-out amount range in rupiah (documented: 10,000 – 999,999,999).
    static let payOutRange: ClosedRange<Int64> = 10_000...999_999_999

    /// `expiryPeriod` default and maximum, in seconds (documented).
    static let defaultExpirySeconds: Int64 = 3600
    static let maximumExpirySeconds: Int64 = 86_400

    /// The cashier and e-wallet pages: SmilePayz's real sandbox hosts its own; the simulator serves none, so the
    /// URL names a reserved `.invalid` host and the payment is made with `snapsim pay --smilepayz`.
    static func paymentURL(_ page: String, tradeNo: String) -> String {
        "https://sandbox-gateway.smilepayz.invalid/\(page)?tradeNo=\(tradeNo)"
    }

    /// The area of Indonesia; `area` may be absent, `10` or `"10"`.
    static let indonesiaArea = "10"
}
