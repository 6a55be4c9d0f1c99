import Testing
import QRISCode

@Suite struct EncodingTests {
    static func merchant(amount: String? = nil, tip: MerchantPresentedQR.Tip? = nil) -> MerchantPresentedQR {
        MerchantPresentedQR(
            initiation: amount == nil ? .staticCode : .dynamicCode,
            merchantAccounts: [
                MerchantAccountInformation(tag: "26", globallyUniqueIdentifier: "ID.CO.SNAPSIM.WWW",
                    merchantPAN: "936099990000000011", merchantID: "SNAPSIM000000011", merchantCriteria: "UMI"),
                MerchantAccountInformation(tag: "51", globallyUniqueIdentifier: "ID.CO.QRIS.WWW",
                    merchantID: "ID1026000000011", merchantCriteria: "UMI"),
            ],
            merchantCategoryCode: "5812", amount: amount, tip: tip, merchantName: "Warung Sate Pak Budi",
            merchantCity: "JAKARTA", postalCode: "10110",
            additionalData: amount == nil ? [TLVElement("07", "A01")] : [TLVElement("05", "REF123"), TLVElement("07", "A01")])
    }

    @Test func staticCode_HasNoAmount_AndACRCThatChecks() throws {
        let text = try Self.merchant().encoded()
        #expect(text.hasPrefix("000201010211"))
        #expect(!text.contains("5406"))
        let body = String(text.dropLast(4))
        #expect(body.hasSuffix("6304"))
        #expect(CRC16CCITTFalse.hex(body) == String(text.suffix(4)))
        let decoded = try MerchantPresentedQR.decode(text)
        #expect(decoded == Self.merchant())
        #expect(decoded.nationalMerchantID == "ID1026000000011")
    }

    @Test func dynamicCode_CarriesAmountAndReference() throws {
        let text = try Self.merchant(amount: "150000").encoded()
        #expect(text.hasPrefix("000201010212"))
        #expect(text.contains("5406150000"))
        let decoded = try MerchantPresentedQR.decode(text)
        #expect(decoded.amountMinorUnits == 15_000_000)
        #expect(decoded.additionalData("05") == "REF123")
    }

    @Test(arguments: [
        (MerchantPresentedQR.Tip.prompt, "550201"),
        (.fixed("2500"), "550202" + "56042500"),
        (.percentage("5.00"), "550203" + "57045.00"),
    ])
    func tipIndicator_RoundTrips(_ tip: MerchantPresentedQR.Tip, _ written: String) throws {
        let text = try Self.merchant(amount: "10000", tip: tip).encoded()
        #expect(text.contains(written))
        #expect(try MerchantPresentedQR.decode(text).tip == tip)
    }

    @Test func dynamicWithoutAmount_IsRefusedForQRIS_ButNotEMVCo() throws {
        var code = Self.merchant()
        code.initiation = .dynamicCode
        #expect(throws: QRISProblem(.invalidValue, tag: "54", "a dynamic QRIS (tag 01 = 12) must carry its amount in tag 54")) {
            try code.encoded()
        }
        _ = try code.encoded(rules: .emvco)
    }

    @Test func tooLongMerchantName_IsNamed() {
        var code = Self.merchant()
        code.merchantName = String(repeating: "N", count: 26)
        #expect(throws: QRISProblem(.invalidValue, tag: "59", "tag 59 (merchant name) must hold 1–25 characters")) {
            try code.encoded()
        }
    }

    @Test func valueOver99Characters_CannotBeEncoded() {
        #expect(throws: QRISProblem.self) { try TLV.encode([TLVElement("62", String(repeating: "x", count: 100))]) }
    }

    @Test(arguments: [("10000", Int64(1_000_000)), ("10000.5", 1_000_050), ("0.01", 1), ("23.72", 2372)])
    func amountText_ReadsAsMinorUnits(_ text: String, _ units: Int64) {
        #expect(QRISAmount.minorUnits(text) == units)
    }

    @Test(arguments: ["", ".5", "1.", "1.234", "-5", "1,000", "12345678901234"])
    func badAmountText_IsNotAnAmount(_ text: String) {
        #expect(QRISAmount.minorUnits(text) == nil)
    }

    @Test func amountText_FromMinorUnits() {
        #expect(QRISAmount.text(minorUnits: 1_000_000) == "10000")
        #expect(QRISAmount.text(minorUnits: 1_000_050) == "10000.50")
        #expect(QRISAmount.text(minorUnits: 1_000_005) == "10000.05")
    }
}
