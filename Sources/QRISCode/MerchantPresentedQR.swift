/// An EMVCo merchant-presented QR payload (MPM), as QRIS uses it.
///
/// Values are kept as written (amounts as text, e.g. `"10000"` or `"10000.50"`), so a decoded payload encodes
/// back to the same string; data objects the model does not name (tags 64–99, 02–25) are kept in order in
/// ``otherElements``. ``encoded()`` appends the CRC; ``decode(_:rules:)`` checks it and names any problem.
public struct MerchantPresentedQR: Sendable, Hashable {
    /// Tag 01: whether the code is printed once for every payment or made for one payment.
    public enum Initiation: String, Sendable, Hashable {
        /// `11`: the same code for every payment; the payer types the amount unless tag 54 fixes it.
        case staticCode = "11"
        /// `12`: a code for one transaction, normally with its amount.
        case dynamicCode = "12"
    }

    /// Tags 55–57: the tip or convenience fee.
    public enum Tip: Sendable, Hashable {
        /// `55` = `01`: the payer's app asks for a tip.
        case prompt
        /// `55` = `02` with `56`: a fixed convenience fee, as an amount text.
        case fixed(String)
        /// `55` = `03` with `57`: a convenience fee as a percentage text (`"5.00"`).
        case percentage(String)
    }

    /// Tag 00, always `01`.
    public var payloadFormatIndicator = "01"
    /// Tag 01; `nil` when absent (allowed by EMVCo, not by QRIS).
    public var initiation: Initiation?
    /// Merchant account information templates, tags 26–51, in order.
    public var merchantAccounts: [MerchantAccountInformation]
    /// Tag 52, four digits (ISO 18245).
    public var merchantCategoryCode: String
    /// Tag 53, ISO 4217 numeric (`360` for rupiah).
    public var currency = "360"
    /// Tag 54, e.g. `"10000"` or `"10000.50"`; `nil` for a code where the payer types the amount.
    public var amount: String?
    /// Tags 55–57.
    public var tip: Tip?
    /// Tag 58, ISO 3166-1 alpha-2 (`ID`).
    public var countryCode = "ID"
    /// Tag 59, at most 25 characters.
    public var merchantName: String
    /// Tag 60, at most 15 characters.
    public var merchantCity: String
    /// Tag 61.
    public var postalCode: String?
    /// Template 62 (additional data: bill number 01, reference label 05, terminal label 07, …), in order.
    public var additionalData: [TLVElement]
    /// Every other data object (tags 02–25, 64–99), in order; encoded after tag 62.
    public var otherElements: [TLVElement]

    /// A payload; the CRC is computed by ``encoded()``.
    public init(
        initiation: Initiation?, merchantAccounts: [MerchantAccountInformation], merchantCategoryCode: String,
        currency: String = "360", amount: String? = nil, tip: Tip? = nil, countryCode: String = "ID",
        merchantName: String, merchantCity: String, postalCode: String? = nil, additionalData: [TLVElement] = [],
        otherElements: [TLVElement] = []
    ) {
        self.initiation = initiation
        self.merchantAccounts = merchantAccounts
        self.merchantCategoryCode = merchantCategoryCode
        self.currency = currency
        self.amount = amount
        self.tip = tip
        self.countryCode = countryCode
        self.merchantName = merchantName
        self.merchantCity = merchantCity
        self.postalCode = postalCode
        self.additionalData = additionalData
        self.otherElements = otherElements
    }

    // MARK: - Reading

    /// The value of sub-tag `tag` of template 62 (`"05"` reference label, `"07"` terminal label).
    public func additionalData(_ tag: String) -> String? {
        additionalData.first { $0.tag == tag }?.value
    }

    /// The QRIS National Merchant ID: sub-tag 02 of the template whose globally unique identifier is
    /// `ID.CO.QRIS.WWW` (tag 51 in QRIS codes).
    public var nationalMerchantID: String? {
        merchantAccounts.first { $0.globallyUniqueIdentifier == QRISRules.qrisIdentifier }?.merchantID
    }

    /// The amount in minor units (two decimals): `"10000"` → 1,000,000; `nil` when absent.
    public var amountMinorUnits: Int64? {
        amount.flatMap(QRISAmount.minorUnits)
    }

    // MARK: - Writing

    /// The data objects in payload order, without the CRC.
    public func elements() throws(QRISProblem) -> [TLVElement] {
        var elements = [TLVElement("00", payloadFormatIndicator)]
        if let initiation { elements.append(TLVElement("01", initiation.rawValue)) }
        elements += otherElements.filter { $0.tag < "26" }
        for account in merchantAccounts {
            elements.append(TLVElement(account.tag, try TLV.encode(account.elements, template: account.tag)))
        }
        elements.append(TLVElement("52", merchantCategoryCode))
        elements.append(TLVElement("53", currency))
        if let amount { elements.append(TLVElement("54", amount)) }
        switch tip {
        case .prompt?: elements.append(TLVElement("55", "01"))
        case .fixed(let fee)?: elements += [TLVElement("55", "02"), TLVElement("56", fee)]
        case .percentage(let percent)?: elements += [TLVElement("55", "03"), TLVElement("57", percent)]
        case nil: break
        }
        elements.append(TLVElement("58", countryCode))
        elements.append(TLVElement("59", merchantName))
        elements.append(TLVElement("60", merchantCity))
        if let postalCode { elements.append(TLVElement("61", postalCode)) }
        if !additionalData.isEmpty { elements.append(TLVElement("62", try TLV.encode(additionalData, template: "62"))) }
        elements += otherElements.filter { $0.tag > "62" && $0.tag != "63" }
        return elements
    }

    /// The payload string with its CRC (tag 63 last), checked against `rules` first.
    /// - Throws: ``QRISProblem`` when a value breaks the rules (too long, wrong form, missing for QRIS).
    public func encoded(rules: QRISRules = .qris) throws(QRISProblem) -> String {
        try rules.check(self)
        let body = try TLV.encode(try elements()) + "6304"
        return body + CRC16CCITTFalse.hex(body)
    }
}

/// One merchant account information template (tags 26–51): who acquires for the merchant and under which id.
public struct MerchantAccountInformation: Sendable, Hashable {
    /// The template's tag, `"26"` to `"51"`.
    public var tag: String
    /// Its sub-tags in order.
    public var elements: [TLVElement]

    /// A template with these sub-tags.
    public init(tag: String, elements: [TLVElement]) {
        self.tag = tag
        self.elements = elements
    }

    /// A template from its usual parts: 00 globally unique identifier (reverse domain, e.g. `ID.CO.QRIS.WWW`),
    /// 01 merchant PAN, 02 merchant id (the NMID in tag 51), 03 merchant criteria (`UMI`, `UKE`, `UME`, `UBE`, `URE`).
    public init(tag: String, globallyUniqueIdentifier: String, merchantPAN: String? = nil, merchantID: String? = nil,
        merchantCriteria: String? = nil)
    {
        var elements = [TLVElement("00", globallyUniqueIdentifier)]
        if let merchantPAN { elements.append(TLVElement("01", merchantPAN)) }
        if let merchantID { elements.append(TLVElement("02", merchantID)) }
        if let merchantCriteria { elements.append(TLVElement("03", merchantCriteria)) }
        self.init(tag: tag, elements: elements)
    }

    /// The value of sub-tag `tag`.
    public subscript(tag: String) -> String? { elements.first { $0.tag == tag }?.value }

    /// Sub-tag 00.
    public var globallyUniqueIdentifier: String? { self["00"] }
    /// Sub-tag 01.
    public var merchantPAN: String? { self["01"] }
    /// Sub-tag 02.
    public var merchantID: String? { self["02"] }
    /// Sub-tag 03.
    public var merchantCriteria: String? { self["03"] }
}

/// QRIS amounts (tag 54, 56): digits with at most one decimal point and two decimals, at most 13 characters.
public enum QRISAmount {
    /// Minor units (two decimals) of an amount text, `nil` when it is not one.
    public static func minorUnits(_ text: String) -> Int64? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...13).contains(text.utf8.count), (1...2).contains(parts.count), !parts[0].isEmpty,
            parts.allSatisfy({ $0.utf8.allSatisfy(TLV.isDigit) }), let whole = Int64(parts[0])
        else { return nil }
        guard parts.count == 2 else { return whole * 100 }
        let fraction = parts[1]
        guard (1...2).contains(fraction.utf8.count), let cents = Int64(fraction) else { return nil }
        return whole * 100 + (fraction.utf8.count == 1 ? cents * 10 : cents)
    }

    /// The text of an amount in minor units: whole rupiah without decimals (`"10000"`), else two decimals.
    public static func text(minorUnits: Int64) -> String {
        let whole = minorUnits / 100
        let cents = minorUnits % 100
        return cents == 0 ? String(whole) : "\(whole)." + (cents < 10 ? "0" : "") + String(cents)
    }
}
