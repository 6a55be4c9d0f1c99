import QRISCode
import SimHTTP
import SimJSON
import Testing

@testable import SNAPSim

/// E2Pay QRIS and on-us QR payments: real payloads (the fixtures' static codes, dynamic codes made by
/// ``MerchantQRCode``), decoded and checked; the customer is debited and the merchant account credited.
@Suite struct E2PayQRTests {
    let money = E2PayMoneyOutTests()

    static func encoded(_ text: String) -> String {
        var allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
        allowed.remove(UInt8(ascii: "+"))
        return text.utf8.map { allowed.contains($0) ? String(UnicodeScalar($0)) : "%" + String($0, radix: 16, uppercase: true).leftPadded }
            .joined()
    }

    func merchant(_ id: String) throws -> QRISMerchant { try #require(LoadedFixtures.defaults.merchants[id]) }

    func inquire(_ kind: String, _ code: String, _ user: HTTPHeaders) -> (Int, JSONValue) {
        money.send(.get, "/switching/b2b/customer/me/transaction/\(kind)/inquiry?qrCode=\(Self.encoded(code))", user)
    }

    func pay(_ kind: String, _ user: HTTPHeaders, inquiry: String, amount: String, ref: String, tip: String? = nil) -> (Int, JSONValue) {
        let tipMember = tip.map { #","tip":\#($0)"# } ?? ""
        return money.send(.post, "/switching/b2b/customer/me/transaction/\(kind)", user, """
            {"inquiryId":"\(inquiry)","password":"\(E2PayMoneyOutTests.password)","amount":\(amount),"clientRef":"\(ref)",\
            "sourceId":"01011"\(tipMember)}
            """)
    }

    func merchantBalance(_ accountNo: String) -> Amount? {
        money.simulator.withPartner("snapsim-demo") { state, _ in state.ledger.spendable(.account(accountNo)) }
    }

    @Test func qris_StaticCode_InquiryPaymentStatus_MovesMoneyToTheMerchant() throws {
        let user = money.login("081977817902")
        let sate = try merchant("MID-SATE-001")
        let before = try #require(merchantBalance(sate.accountNo))
        let (status, inquiry) = inquire("qris", try #require(sate.staticQRIS), user)
        #expect(status == 200)
        #expect(inquiry.objectValue?["merchantName"] == "Warung Sate Pak Budi")
        #expect(inquiry.objectValue?["nmid"] == .string(sate.nmid))
        #expect(inquiry.objectValue?["pointOfInitiation"] == "STATIC")
        #expect(inquiry.objectValue?["tipIndicator"] == "NONE")
        let id = try #require(inquiry.objectValue?["inquiryId"]?.stringValue)

        let (paid, answer) = pay("qris", user, inquiry: id, amount: "25000", ref: "QR-1")
        #expect(paid == 200)
        #expect(answer.objectValue?["responseCode"] == "00")
        #expect(money.balance(user) == .number("125000.00"))
        #expect(merchantBalance(sate.accountNo) == Amount(minorUnits: before.minorUnits + 2_500_000))

        let (_, found) = money.send(.get, "/switching/b2b/customer/me/transaction/qris/status?clientRef=QR-1", user)
        #expect(found.objectValue?["journalId"] == answer.objectValue?["journalId"])
        #expect(found.objectValue?["amount"] == .number("25000.00"))
        #expect(money.send(.get, "/switching/b2b/customer/me/transaction/qris/status?clientRef=QR-9", user).1.objectValue?["responseCode"] == "E1")
        #expect(money.send(.get, "/switching/b2b/customer/me/transaction/qr/status?clientRef=QR-1", user).1.objectValue?["responseCode"] == "E1")
        #expect(pay("qris", user, inquiry: id, amount: "1000", ref: "QR-2").1.objectValue?["responseCode"] == "04")
        let (_, rows) = money.send(.get, "/switching/b2b/customer/me/transaction?clientRef=QR-1", user)
        #expect(rows.objectValue?["rowCount"] == .int(1))
    }

    @Test func qris_BadPayloads_AreRefusedNamingTheProblem() throws {
        let user = money.login("081977817902")
        let good = try #require(try merchant("MID-SATE-001").staticQRIS)
        let badCRC = String(good.dropLast(4)) + "0000"
        let (status, crc) = inquire("qris", badCRC, user)
        #expect(status == 400)
        #expect(crc.objectValue?["responseCode"] == "95")
        #expect(crc.objectValue?["responseMessage"]?.stringValue?.contains("CRC") == true)

        // The same code without tag 59 (merchant name), with a correct CRC.
        let elements = try TLV.decode(good).filter { $0.tag != "59" && $0.tag != "63" }
        let body = try TLV.encode(elements) + "6304"
        let (_, missing) = inquire("qris", body + CRC16CCITTFalse.hex(body), user)
        #expect(missing.objectValue?["responseCode"] == "95")
        #expect(missing.objectValue?["responseMessage"]?.stringValue?.contains("tag 59") == true)

        #expect(inquire("qris", "", user).1.objectValue?["responseCode"] == "F1")
        let black = try merchant("MID-BLACK-009")
        #expect(inquire("qris", try MerchantQRCode.staticCode(for: black), user).1.objectValue?["responseCode"] == "06")
    }

    @Test func qris_DynamicCode_FixesTheAmount_AndPaysOnce() throws {
        let user = money.login("081300000001")
        let code = try MerchantQRCode.dynamicCode(
            for: try merchant("MID-SATE-001"), amount: Amount(minorUnits: 4_000_000), referenceNo: "E2P-1", billNumber: nil,
            terminalId: nil)
        let (_, inquiry) = inquire("qris", code, user)
        #expect(inquiry.objectValue?["pointOfInitiation"] == "DYNAMIC")
        #expect(inquiry.objectValue?["amount"] == .number("40000.00"))
        let id = try #require(inquiry.objectValue?["inquiryId"]?.stringValue)
        #expect(pay("qris", user, inquiry: id, amount: "39000", ref: "D-1").1.objectValue?["responseCode"] == "95")
        #expect(pay("qris", user, inquiry: id, amount: "40000", ref: "D-2").0 == 200)
        #expect(inquire("qris", code, user).1.objectValue?["responseCode"] == "04")
        #expect(money.balance(user) == .number("4960000.00"))
    }

    @Test func tips_PromptAndFixed_AreAddedToThePayment() throws {
        let user = money.login("081300000001")
        let (_, kopi) = inquire("qris", try #require(try merchant("MID-KOPI-002").staticQRIS), user)
        #expect(kopi.objectValue?["tipIndicator"] == "PROMPT")
        let kopiId = try #require(kopi.objectValue?["inquiryId"]?.stringValue)
        let (_, tipped) = pay("qris", user, inquiry: kopiId, amount: "30000", ref: "T-1", tip: "5000")
        #expect(tipped.objectValue?["totalAmount"] == .number("35000.00"))

        let parkir = try MerchantQRCode.staticCode(for: try merchant("MID-PARKIR-003"))
        let (_, fixed) = inquire("qris", parkir, user)
        #expect(fixed.objectValue?["tipIndicator"] == "FIXED")
        let fixedId = try #require(fixed.objectValue?["inquiryId"]?.stringValue)
        #expect(pay("qris", user, inquiry: fixedId, amount: "5000", ref: "T-2", tip: "1").1.objectValue?["responseCode"] == "95")
        let (_, fee) = pay("qris", user, inquiry: fixedId, amount: "5000", ref: "T-3")
        #expect(fee.objectValue?["tip"] == .number("2000.00"))
        #expect(money.balance(user) == .number("4958000.00"))
    }

    @Test func qr_OnUs_NeedsTheProvidersOwnTemplate() throws {
        let user = money.login("081977817902")
        let sate = try merchant("MID-SATE-001")
        let (status, inquiry) = inquire("qr", try #require(sate.staticQRIS), user)
        #expect(status == 200)
        let id = try #require(inquiry.objectValue?["inquiryId"]?.stringValue)
        #expect(pay("qr", user, inquiry: id, amount: "10000", ref: "ONUS-1").0 == 200)
        #expect(money.send(.get, "/switching/b2b/customer/me/transaction/qr/status?clientRef=ONUS-1", user).0 == 200)
        #expect(pay("qr", user, inquiry: id, amount: "200000", ref: "ONUS-2").1.objectValue?["responseCode"] == "04")

        // A QRIS of another acquirer: only the QRIS template (tag 51).
        var offUs = try MerchantPresentedQR.decode(try #require(sate.staticQRIS))
        offUs.merchantAccounts.removeAll { $0.tag == "26" }
        let (refused, body) = inquire("qr", try offUs.encoded(), user)
        #expect(refused == 400)
        #expect(body.objectValue?["responseMessage"]?.stringValue?.contains("on-us") == true)
        #expect(inquire("qris", try offUs.encoded(), user).0 == 200)
    }
}

extension String {
    fileprivate var leftPadded: String { count == 1 ? "0" + self : self }
}
