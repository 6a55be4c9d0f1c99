extension MerchantPresentedQR {
    /// Decodes and checks a payload string.
    ///
    /// In order: tag-length-value structure (including templates 26–51 and 62), tag 63 last with four hex
    /// digits, the CRC over everything before its value, then `rules` (mandatory tags and their values). The
    /// first problem found is thrown, naming its tag.
    public static func decode(_ text: String, rules: QRISRules = .qris) throws(QRISProblem) -> MerchantPresentedQR {
        let elements = try TLV.decode(text)
        guard let last = elements.last, last.tag == "63" else {
            throw QRISProblem(.crcMissing, tag: "63", "the payload does not end with the CRC (tag 63, e.g. \"6304A13A\")")
        }
        guard last.value.utf8.count == 4, last.value.utf8.allSatisfy(isHexDigit) else {
            throw QRISProblem(.crcMissing, tag: "63", "tag 63 must hold four hexadecimal digits, found \"\(last.value)\"")
        }
        let body = String(text.unicodeScalars.dropLast(4))
        let expected = CRC16CCITTFalse.hex(body)
        guard last.value.uppercased() == expected else {
            throw QRISProblem(.crcMismatch, tag: "63",
                "CRC mismatch: tag 63 says \(last.value) but CRC-16/CCITT-FALSE of the payload is \(expected)")
        }
        var seen: Set<String> = []
        for element in elements {
            guard seen.insert(element.tag).inserted else {
                throw QRISProblem(.duplicateTag, tag: element.tag, "tag \(element.tag) appears more than once")
            }
        }
        let code = try read(elements.dropLast())
        try rules.check(code)
        return code
    }

    private static func read(_ elements: ArraySlice<TLVElement>) throws(QRISProblem) -> MerchantPresentedQR {
        func value(_ tag: String) -> String? { elements.first { $0.tag == tag }?.value }
        func required(_ tag: String, _ name: String) throws(QRISProblem) -> String {
            guard let found = value(tag) else {
                throw QRISProblem(.missingTag, tag: tag, "mandatory tag \(tag) (\(name)) is missing")
            }
            return found
        }
        guard elements.first?.tag == "00" else {
            throw QRISProblem(.missingTag, tag: "00", "the payload must start with tag 00 (payload format indicator \"01\")")
        }
        let initiation: Initiation?
        if let text = value("01") {
            guard let known = Initiation(rawValue: text) else {
                throw QRISProblem(.invalidValue, tag: "01", "tag 01 (point of initiation) must be 11 (static) or 12 (dynamic), found \"\(text)\"")
            }
            initiation = known
        } else {
            initiation = nil
        }
        var accounts: [MerchantAccountInformation] = []
        for element in elements where ("26"..."51").contains(element.tag) {
            accounts.append(MerchantAccountInformation(tag: element.tag, elements: try TLV.decode(element.value, template: element.tag)))
        }
        var tip: Tip?
        if let indicator = value("55") {
            switch indicator {
            case "01": tip = .prompt
            case "02":
                guard let fee = value("56") else {
                    throw QRISProblem(.missingTag, tag: "56", "tag 55 = 02 (fixed convenience fee) needs tag 56 (the fee)")
                }
                tip = .fixed(fee)
            case "03":
                guard let percent = value("57") else {
                    throw QRISProblem(.missingTag, tag: "57", "tag 55 = 03 (percentage convenience fee) needs tag 57 (the percentage)")
                }
                tip = .percentage(percent)
            default:
                throw QRISProblem(.invalidValue, tag: "55", "tag 55 (tip indicator) must be 01, 02 or 03, found \"\(indicator)\"")
            }
        }
        if tip == nil || value("55") != "02", value("56") != nil {
            throw QRISProblem(.invalidValue, tag: "56", "tag 56 (fixed convenience fee) is only allowed with tag 55 = 02")
        }
        if tip == nil || value("55") != "03", value("57") != nil {
            throw QRISProblem(.invalidValue, tag: "57", "tag 57 (percentage convenience fee) is only allowed with tag 55 = 03")
        }
        let named: Set<String> = ["00", "01", "52", "53", "54", "55", "56", "57", "58", "59", "60", "61", "62", "63"]
        var code = MerchantPresentedQR(
            initiation: initiation, merchantAccounts: accounts,
            merchantCategoryCode: try required("52", "merchant category code"),
            currency: try required("53", "transaction currency"), amount: value("54"), tip: tip,
            countryCode: try required("58", "country code"), merchantName: try required("59", "merchant name"),
            merchantCity: try required("60", "merchant city"), postalCode: value("61"),
            additionalData: try value("62").map { text throws(QRISProblem) in try TLV.decode(text, template: "62") } ?? [],
            otherElements: elements.filter { !named.contains($0.tag) && !("26"..."51").contains($0.tag) })
        code.payloadFormatIndicator = elements.first?.value ?? ""
        return code
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        TLV.isDigit(byte) || (byte >= 65 && byte <= 70) || (byte >= 97 && byte <= 102)
    }
}
