import Testing
import Foundation
import QRISCode

/// Published payloads: EMVCo's own MPM specification example (with a Chinese alternate-language template, so
/// lengths are counted in characters and the CRC over UTF-8) and real-world static QRIS strings.
@Suite struct DecodingTests {
    static let emvcoExample =
        "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A"
    /// A static QRIS issued through Bank Nobu (published in a merchant's implementation guide).
    static let nobuStatic =
        "00020101021126670016COM.NOBUBANK.WWW01189360050300000879140214703239147837910303UMI51440014ID.CO.QRIS.WWW0215ID20232709941630303UMI5204481253033605802ID5923GRANOOL STORE OK12295776006KEDIRI61056421262070703A0163047127"

    @Test func emvcoSpecificationExample_DecodesUnderEMVCoRules() throws {
        let code = try MerchantPresentedQR.decode(Self.emvcoExample, rules: .emvco)
        #expect(code.initiation == .dynamicCode)
        #expect(code.merchantCategoryCode == "4111")
        #expect(code.currency == "156")
        #expect(code.amount == "23.72")
        #expect(code.amountMinorUnits == 2372)
        #expect(code.tip == .prompt)
        #expect(code.countryCode == "CN")
        #expect(code.merchantName == "BEST TRANSPORT")
        #expect(code.merchantCity == "BEIJING")
        #expect(code.additionalData("03") == "1234")
        #expect(code.additionalData("07") == "A6008667")
        #expect(code.merchantAccounts.map(\.tag) == ["29", "31"])
        #expect(code.merchantAccounts[1].merchantPAN == nil)
        #expect(code.merchantAccounts[1]["03"] == "12345678")
        #expect(code.otherElements.map(\.tag) == ["64", "91"])
    }

    @Test func emvcoSpecificationExample_IsNotQRIS_AndSaysWhy() {
        #expect(throws: QRISProblem(.invalidValue, tag: "53", "tag 53 (currency) must be 360 (rupiah) in QRIS, found \"156\"")) {
            try MerchantPresentedQR.decode(Self.emvcoExample, rules: .qris)
        }
    }

    @Test func realStaticQRIS_Decodes_WithNMIDAndNoAmount() throws {
        let code = try MerchantPresentedQR.decode(Self.nobuStatic)
        #expect(code.initiation == .staticCode)
        #expect(code.nationalMerchantID == "ID2023270994163")
        #expect(code.merchantAccounts[0].globallyUniqueIdentifier == "COM.NOBUBANK.WWW")
        #expect(code.merchantAccounts[0].merchantPAN == "936005030000087914")
        #expect(code.merchantAccounts[0].merchantCriteria == "UMI")
        #expect(code.merchantName == "GRANOOL STORE OK1229577")
        #expect(code.merchantCity == "KEDIRI")
        #expect(code.postalCode == "64212")
        #expect(code.amount == nil)
        #expect(code.additionalData("07") == "A01")
    }

    @Test(arguments: [emvcoExample, nobuStatic])
    func decodedPayload_EncodesBackToTheSameString(_ text: String) throws {
        let rules: QRISRules = text == Self.nobuStatic ? .qris : .emvco
        // The EMVCo example writes 54 after 53's neighbours in its own order; only compare what the model orders.
        let code = try MerchantPresentedQR.decode(text, rules: rules)
        let again = try MerchantPresentedQR.decode(try code.encoded(rules: rules), rules: rules)
        #expect(again == code)
        if text == Self.nobuStatic { #expect(try code.encoded() == text) }
    }

    @Test func badCRC_IsNamed_WithBothValues() {
        let broken = String(Self.nobuStatic.dropLast(4)) + "7128"
        #expect(throws: QRISProblem(.crcMismatch, tag: "63",
            "CRC mismatch: tag 63 says 7128 but CRC-16/CCITT-FALSE of the payload is 7127")) {
            try MerchantPresentedQR.decode(broken)
        }
    }

    @Test func alteredContent_FailsTheCRC() {
        let altered = Self.nobuStatic.replacingOccurrences(of: "KEDIRI", with: "KEDIRU")
        do throws(QRISProblem) {
            _ = try MerchantPresentedQR.decode(altered)
            Issue.record("an altered payload decoded")
        } catch {
            #expect(error.kind == .crcMismatch)
        }
    }

    @Test func lowerCaseCRC_IsAccepted() throws {
        // Only the CRC's hex digits are lower-cased: the content itself must stay as signed.
        let body = String(Self.nobuStatic.dropLast(4))
        let code = try MerchantPresentedQR.decode(body + "7127".lowercased())
        #expect(code.merchantCity == "KEDIRI")
    }

    @Test func missingMandatoryTag_IsNamed() throws {
        // Drop tag 59 (merchant name) and re-sign, so only the missing tag is wrong.
        let withoutName = Self.nobuStatic.replacingOccurrences(of: "5923GRANOOL STORE OK1229577", with: "")
        let payload = try sign(String(withoutName.dropLast(8)))
        #expect(throws: QRISProblem(.missingTag, tag: "59", "mandatory tag 59 (merchant name) is missing")) {
            try MerchantPresentedQR.decode(payload)
        }
    }

    @Test func missingNMID_IsNamed() throws {
        let withoutNMID = Self.nobuStatic.replacingOccurrences(
            of: "51440014ID.CO.QRIS.WWW0215ID20232709941630303UMI", with: "51250014ID.CO.QRIS.WWW0303UMI")
        let payload = try sign(String(withoutNMID.dropLast(8)))
        #expect(throws: QRISProblem(.missingTag, tag: "51.02", "mandatory sub-tag 51.02 (National Merchant ID, NMID) is missing")) {
            try MerchantPresentedQR.decode(payload)
        }
    }

    @Test func noCRC_IsNamed() {
        #expect(throws: QRISProblem(.crcMissing, tag: "63", "the payload does not end with the CRC (tag 63, e.g. \"6304A13A\")")) {
            try MerchantPresentedQR.decode(String(Self.nobuStatic.dropLast(8)))
        }
    }

    @Test(arguments: ["", "0002", "000201010", "00020X01", "0099abc"])
    func malformedText_IsAProblemNotACrash(_ text: String) {
        #expect(throws: QRISProblem.self) { try MerchantPresentedQR.decode(text) }
    }

    @Test func valueRunningPastTheEnd_SaysHowMuchRemains() {
        #expect(throws: QRISProblem(.malformed, tag: "00", "the payload: tag 00 at offset 0 says 99 characters but only 3 remain")) {
            try TLV.decode("0099abc")
        }
    }

    @Test func duplicateTag_IsNamed() throws {
        let doubled = try sign("000201010211" + "010211" + String(Self.nobuStatic.dropFirst(12).dropLast(8)))
        #expect(throws: QRISProblem(.duplicateTag, tag: "01", "tag 01 appears more than once")) {
            try MerchantPresentedQR.decode(doubled)
        }
    }

    /// Appends tag 63 with the right CRC.
    private func sign(_ body: String) throws -> String {
        body + "6304" + CRC16CCITTFalse.hex(body + "6304")
    }
}
