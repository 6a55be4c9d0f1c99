/// The checks applied to a payload's values: EMVCo's MPM rules, and QRIS's stricter ones on top.
public struct QRISRules: Sendable, Hashable {
    /// Also require what QRIS requires: tag 01, currency 360, country ID, a tag-51 template naming
    /// `ID.CO.QRIS.WWW` with the NMID in sub-tag 02, and an amount on dynamic codes.
    public var qrisSpecific: Bool

    /// EMVCo MPM only.
    public static let emvco = QRISRules(qrisSpecific: false)
    /// EMVCo MPM plus QRIS (Bank Indonesia / ASPI).
    public static let qris = QRISRules(qrisSpecific: true)

    /// The globally unique identifier of QRIS's own template (tag 51).
    public static let qrisIdentifier = "ID.CO.QRIS.WWW"

    /// Rules; `qrisSpecific` adds QRIS's requirements to EMVCo's.
    public init(qrisSpecific: Bool) {
        self.qrisSpecific = qrisSpecific
    }

    /// Throws the first broken rule, naming its tag.
    public func check(_ code: MerchantPresentedQR) throws(QRISProblem) {
        try expect(code.payloadFormatIndicator == "01", "00", "tag 00 (payload format indicator) must be \"01\", found \"\(code.payloadFormatIndicator)\"")
        let accountTags = code.merchantAccounts.map(\.tag) + code.otherElements.map(\.tag).filter { ("02"..."25").contains($0) }
        guard !accountTags.isEmpty else {
            throw QRISProblem(.missingTag, tag: "26", "no merchant account information (tags 02–51): at least one is mandatory")
        }
        for account in code.merchantAccounts {
            try expect(("26"..."51").contains(account.tag), account.tag, "merchant account templates use tags 26–51, not \(account.tag)")
            guard let identifier = account.globallyUniqueIdentifier, !identifier.isEmpty else {
                throw QRISProblem(.missingTag, tag: account.tag + ".00", "template \(account.tag) has no globally unique identifier (sub-tag 00)")
            }
            try expect(identifier.unicodeScalars.count <= 32, account.tag + ".00", "sub-tag \(account.tag).00 holds at most 32 characters")
        }
        try expect(code.merchantCategoryCode.utf8.count == 4 && code.merchantCategoryCode.utf8.allSatisfy(TLV.isDigit), "52",
            "tag 52 (merchant category code) must be four digits, found \"\(code.merchantCategoryCode)\"")
        try expect(code.currency.utf8.count == 3 && code.currency.utf8.allSatisfy(TLV.isDigit), "53",
            "tag 53 (currency) must be three digits (ISO 4217 numeric), found \"\(code.currency)\"")
        if let amount = code.amount {
            try expect(QRISAmount.minorUnits(amount) != nil, "54",
                "tag 54 (amount) must be digits with at most two decimals and 13 characters, found \"\(amount)\"")
            try expect(QRISAmount.minorUnits(amount) != 0, "54", "tag 54 (amount) must be more than zero")
        }
        switch code.tip {
        case .fixed(let fee)?:
            try expect(QRISAmount.minorUnits(fee) != nil, "56", "tag 56 (fixed convenience fee) must be an amount, found \"\(fee)\"")
        case .percentage(let percent)?:
            let units = QRISAmount.minorUnits(percent)
            try expect(units.map { $0 > 0 && $0 < 10_000 } == true, "57",
                "tag 57 (convenience fee percentage) must be between 00.01 and 99.99, found \"\(percent)\"")
        default: break
        }
        try expect(code.countryCode.utf8.count == 2 && code.countryCode.utf8.allSatisfy { $0 >= 65 && $0 <= 90 }, "58",
            "tag 58 (country code) must be two capital letters, found \"\(code.countryCode)\"")
        try expect(!code.merchantName.isEmpty && code.merchantName.unicodeScalars.count <= 25, "59",
            "tag 59 (merchant name) must hold 1–25 characters")
        try expect(!code.merchantCity.isEmpty && code.merchantCity.unicodeScalars.count <= 15, "60",
            "tag 60 (merchant city) must hold 1–15 characters")
        if let postalCode = code.postalCode {
            try expect(!postalCode.isEmpty && postalCode.unicodeScalars.count <= 10, "61", "tag 61 (postal code) must hold 1–10 characters")
        }
        for element in code.additionalData where ("01"..."09").contains(element.tag) {
            try expect(!element.value.isEmpty && element.value.unicodeScalars.count <= 25, "62." + element.tag,
                "sub-tag 62.\(element.tag) must hold 1–25 characters")
        }
        if qrisSpecific { try checkQRIS(code) }
    }

    private func checkQRIS(_ code: MerchantPresentedQR) throws(QRISProblem) {
        guard let initiation = code.initiation else {
            throw QRISProblem(.missingTag, tag: "01", "mandatory tag 01 (point of initiation: 11 static, 12 dynamic) is missing")
        }
        try expect(code.currency == "360", "53", "tag 53 (currency) must be 360 (rupiah) in QRIS, found \"\(code.currency)\"")
        try expect(code.countryCode == "ID", "58", "tag 58 (country code) must be ID in QRIS, found \"\(code.countryCode)\"")
        guard let qris = code.merchantAccounts.first(where: { $0.tag == "51" }) else {
            throw QRISProblem(.missingTag, tag: "51", "mandatory tag 51 (QRIS merchant account: ID.CO.QRIS.WWW and the NMID) is missing")
        }
        try expect(qris.globallyUniqueIdentifier == Self.qrisIdentifier, "51.00",
            "sub-tag 51.00 must be \(Self.qrisIdentifier), found \"\(qris.globallyUniqueIdentifier ?? "")\"")
        guard let nmid = qris.merchantID else {
            throw QRISProblem(.missingTag, tag: "51.02", "mandatory sub-tag 51.02 (National Merchant ID, NMID) is missing")
        }
        try expect((10...15).contains(nmid.utf8.count) && nmid.hasPrefix("ID") && nmid.utf8.dropFirst(2).allSatisfy(TLV.isDigit),
            "51.02", "sub-tag 51.02 (NMID) must be \"ID\" and 8–13 digits, found \"\(nmid)\"")
        if initiation == .dynamicCode {
            try expect(code.amount != nil, "54", "a dynamic QRIS (tag 01 = 12) must carry its amount in tag 54")
        }
    }

    private func expect(_ condition: Bool, _ tag: String, _ message: @autoclosure () -> String) throws(QRISProblem) {
        guard condition else { throw QRISProblem(.invalidValue, tag: tag, message()) }
    }
}
