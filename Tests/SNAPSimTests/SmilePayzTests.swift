import QRISCode
import SNAPCrypto
import SNAPSim
import SimHTTP
import SimJSON
import Testing

/// The `smilepayz` profile (issue 21) as SmilePayz's demo merchant calls it: signed
/// `X-TIMESTAMP|secret|minify(body)` with RSA, no token, `code`/`message` in every answer.
@Suite struct SmilePayzTests {
    static let merchant = "sandbox-20011"
    let harness: ProfileHarness

    init(adminToken: String? = nil) {
        harness = ProfileHarness(adminToken: adminToken)
    }

    func request(_ path: String, _ body: String, timestamp: String? = nil, signedBody: String? = nil,
        partnerId: String = merchant) throws -> HTTPRequest
    {
        let partner = try harness.partner(Self.merchant)
        let time = timestamp ?? harness.timestamp()
        let key = try RSA.PrivateKey(pem: try #require(partner.privateKey))
        let signature = SmilePayzSigning.signature(
            timestamp: time, merchantSecret: partner.clientSecret, body: Array((signedBody ?? body).utf8), privateKey: key)
        return HTTPRequest(
            method: .post, target: path,
            headers: ["Content-Type": "application/json", "X-TIMESTAMP": time, "X-SIGNATURE": signature, "X-PARTNER-ID": partnerId],
            body: Array(body.utf8))
    }

    func send(_ path: String, _ body: String, timestamp: String? = nil, signedBody: String? = nil) throws -> SecurityAnswer {
        harness.send(try request(path, body, timestamp: timestamp, signedBody: signedBody))
    }

    static func payIn(_ orderNo: String, method: String? = nil, amount: Int = 150000, extra: String = "") -> String {
        let methodMember = method.map { #","paymentMethod":"\#($0)""# } ?? ""
        return #"{"orderNo":"\#(orderNo)","purpose":"test order","merchant":{"merchantId":"sandbox-20011"},"money":{"currency":"IDR","amount":\#(amount)}\#(methodMember)\#(extra)}"#
    }

    @Test func balanceInquiryAnswersSeed002Shape() throws {
        let answer = try send("/v2.0/inquiry-balance", #"{"accountNo":"any-random","balanceTypes":["BALANCE"],"additionalInfo":{"channel":"mobilephone"}}"#)
        #expect(answer.status == 200, "\(answer.text)")
        #expect(answer.body["code"] == "00")
        #expect(answer.body["message"] == "Successful")
        #expect(answer.code == "2001100")
        #expect(answer.headers["X-TIMESTAMP"] == "2026-11-21T18:19:47+07:00")
        #expect(answer.body["accountNo"] == "sandbox-20011-PAYIN")
        #expect(answer.body["additionalInfo"]?.objectValue?["channel"] == "mobilephone")
        #expect(answer.body["referenceNo"]?.stringValue?.isEmpty == false)
        let info = try #require(answer.body["accountInfos"]?.arrayValue?.first?.objectValue)
        #expect(Set(info.members.map(\.key)) == [
            "balanceType", "registrationStatusCode", "status", "amount", "availableBalance", "currentMultilateralLimit",
            "floatAmount", "holdAmount", "ledgerBalance",
        ])
        let payOut = try send("/v2.0/inquiry-balance", #"{"accountNo":"sandbox-20011-PAYOUT","balanceTypes":["BALANCE"]}"#)
        #expect(payOut[pointer: "/accountInfos/0/availableBalance/value"] == "5000000.00")
    }

    @Test func signatureVerifiesOverTheBodyAsSentAndMinified() throws {
        let spaced = "{ \"accountNo\" : \"x\",\n \"balanceTypes\": [\"BALANCE\"] }"
        #expect(try send("/v2.0/inquiry-balance", spaced).body["code"] == "00")
        // Gson's escapes and PHP's \/ stay as sent: never re-serialised.
        let escaped = #"{"accountNo":"a\u003db\/c","balanceTypes":["BALANCE"]}"#
        #expect(try send("/v2.0/inquiry-balance", escaped).body["code"] == "00")
        #expect(try send("/v2.0/inquiry-balance", #"{"accountNo":"x"}"#, timestamp: harness.timestamp(utc: true)).body["code"] == "00")
    }

    @Test func signatureMismatchIsExplained() throws {
        let answer = try send("/v2.0/inquiry-balance", #"{"accountNo":"x"}"#, signedBody: #"{"accountNo":"y"}"#)
        #expect(answer.status == 401)
        #expect(answer.body["code"] == "12")
        #expect(answer.code == "4011100")
        #expect(answer.summary?.hasPrefix("Signature does not match") == true)
        #expect(answer.explain?["stringToSign"]?.stringValue?.contains(#"|{"accountNo":"x"}"#) == true)
        #expect(answer.causes == ["wrong-key-or-text"])
    }

    @Test func timestampsOutsideFiveMinutesOrOtherZonesAreRefused() throws {
        let late = ISO8601Timestamp.format(harness.clock.now() + .seconds(301), offsetMinutes: 420)
        let answer = try send("/v2.0/inquiry-balance", #"{"accountNo":"x"}"#, timestamp: late)
        #expect(answer.status == 400 && answer.body["code"] == "10", "\(answer.text)")
        let zone = ISO8601Timestamp.format(harness.clock.now(), offsetMinutes: 480)
        let other = try send("/v2.0/inquiry-balance", #"{"accountNo":"x"}"#, timestamp: zone)
        #expect(other.status == 400 && other.summary?.contains("+07:00 or Z") == true, "\(other.text)")
    }

    @Test func missingHeaderAndUnknownMerchant() throws {
        var unsigned = try request("/v2.0/inquiry-balance", #"{"accountNo":"x"}"#)
        unsigned.headers["X-SIGNATURE"] = nil
        let missing = harness.send(unsigned)
        #expect(missing.status == 400 && missing.body["code"] == "10" && missing.message == "Invalid Mandatory Field X-SIGNATURE")
        let stranger = harness.send(try request("/v2.0/inquiry-balance", #"{"accountNo":"x"}"#, partnerId: "sandbox-99999"))
        #expect(stranger.status == 401 && stranger.body["code"] == "12")
    }

    @Test func payInWithoutMethodIsACashierOrder() throws {
        let answer = try send("/v2.0/transaction/pay-in", Self.payIn("S20011ORDER0001"))
        #expect(answer.body["code"] == "00", "\(answer.text)")
        #expect(answer.body["responseCode"] == nil)
        #expect(answer.body["status"] == "INIT")
        let tradeNo = try #require(answer.body["tradeNo"]?.stringValue)
        #expect(tradeNo.hasPrefix("T10120011261121181947000"))
        #expect(tradeNo.count == 25)
        #expect(answer[pointer: "/channel/paymentUrl"]?.stringValue?.hasSuffix("tradeNo=" + tradeNo) == true)
        #expect(answer[pointer: "/money/amount"] == .number("150000"))
        #expect(answer.body["transactionTime"] == "2026-11-21T18:19:47+07:00")
    }

    @Test func payInChannels() throws {
        let va = try send("/v2.0/transaction/pay-in", Self.payIn("S20011ORDER0002", method: "bca"))
        #expect(va.body["status"] == "PROCESSING", "\(va.text)")
        #expect(va[pointer: "/channel/paymentMethod"] == "BCA")
        #expect(va[pointer: "/channel/vaNumber"]?.stringValue?.count == 15)
        let wallet = try send("/v2.0/transaction/pay-in", Self.payIn("S20011ORDER0003", method: "W_DANA"))
        #expect(wallet[pointer: "/channel/paymentUrl"]?.stringValue?.isEmpty == false)
        let qris = try send("/v2.0/transaction/pay-in", Self.payIn("S20011ORDER0004", method: "QRIS"))
        let qr = try #require(qris[pointer: "/channel/qrString"]?.stringValue)
        #expect(qr.hasPrefix("000201010212"), "\(qr)")
        let decoded = try MerchantPresentedQR.decode(qr)
        #expect(decoded.amountMinorUnits == 15_000_000)
        #expect(decoded.additionalData("05") == qris.body["tradeNo"]?.stringValue)
        #expect(decoded.nationalMerchantID == "ID0000000020011")
    }

    @Test func payInRefusals() throws {
        let ovo = try send("/v2.0/transaction/pay-in", Self.payIn("S20011ORDER0005", method: "W_OVO"))
        #expect(ovo.body["code"] == "10" && ovo.message == "Invalid Mandatory Field payer", "\(ovo.text)")
        let unknown = try send("/v2.0/transaction/pay-in", Self.payIn("S20011ORDER0006", method: "BITCOIN"))
        #expect(unknown.message == "Invalid Field Format paymentMethod")
        let small = try send("/v2.0/transaction/pay-in", Self.payIn("S20011ORDER0007", method: "BCA", amount: 9999))
        #expect(small.status == 404 && small.body["code"] == "99")
        let large = try send("/v2.0/transaction/pay-in", Self.payIn("S20011ORDER0008", amount: 1_000_000_001))
        #expect(large.status == 403)
        let badOrder = try send("/v2.0/transaction/pay-in", Self.payIn("S2001-1"))
        #expect(badOrder.message == "Invalid Field Format orderNo")
        let other = try send("/v2.0/transaction/pay-in",
            #"{"orderNo":"S20011ORDER0009","purpose":"p","merchant":{"merchantId":"sandbox-1"},"money":{"currency":"IDR","amount":20000}}"#)
        #expect(other.message == "Invalid Field Format merchant.merchantId")
    }

    @Test func payInIsIdempotentOnOrderNo() throws {
        let first = try send("/v2.0/transaction/pay-in", Self.payIn("S20011ORDER0010", method: "BRI"))
        harness.clock.advance(by: .seconds(2))
        let retry = try send("/v2.0/transaction/pay-in", Self.payIn("S20011ORDER0010", method: "BRI"))
        #expect(retry.text == first.text)
        let reuse = try send("/v2.0/transaction/pay-in", Self.payIn("S20011ORDER0010", method: "BNI"))
        #expect(reuse.status == 409 && reuse.body["code"] == "99", "\(reuse.text)")
    }

    @Test func inquiryStatusByOrderOrTradeNoAndExpiry() throws {
        let created = try send("/v2.0/transaction/pay-in", Self.payIn("S20011ORDER0011", method: "BRI", extra: #","expiryPeriod":60"#))
        let tradeNo = try #require(created.body["tradeNo"]?.stringValue)
        let byTrade = try send("/v2.0/inquiry-status", #"{"tradeType":1,"tradeNo":"\#(tradeNo)"}"#)
        #expect(byTrade.body["status"] == "PROCESSING" && byTrade.body["orderNo"] == "S20011ORDER0011", "\(byTrade.text)")
        harness.clock.advance(by: .seconds(61))
        let byOrder = try send("/v2.0/inquiry-status", #"{"tradeType":"1","orderNo":"S20011ORDER0011"}"#)
        #expect(byOrder.body["status"] == "EXPIRED")
        let wrongType = try send("/v2.0/inquiry-status", #"{"tradeType":2,"tradeNo":"\#(tradeNo)"}"#)
        #expect(wrongType.status == 404 && wrongType.body["code"] == "99")
        let neither = try send("/v2.0/inquiry-status", #"{"tradeType":1}"#)
        #expect(neither.message == "Invalid Mandatory Field orderNo")
    }

    @Test func payOutDrawsFromThePayOutBalance() throws {
        let body = #"{"orderNo":"S20011PAYOUT01","purpose":"salary","merchant":{"merchantId":"sandbox-20011"},"money":{"currency":"IDR","amount":1500000},"paymentMethod":"BRI","cashAccount":"78120011629261665","receiver":{"name":"Budi"},"additionalParam":{}}"#
        let answer = try send("/v2.0/disbursement/pay-out", body)
        #expect(answer.body["code"] == "00" && answer.body["status"] == "PROCESSING", "\(answer.text)")
        #expect(answer[pointer: "/channel/accountName"] == "Budi")
        #expect(answer.body["tradeNo"]?.stringValue?.hasPrefix("T10220011") == true)
        let balance = try send("/v2.0/inquiry-balance", #"{"accountNo":"sandbox-20011-PAYOUT"}"#)
        #expect(balance[pointer: "/accountInfos/0/availableBalance/value"] == "3500000.00")
        let short = try send("/v2.0/disbursement/pay-out", body.replacingOccurrences(of: "S20011PAYOUT01", with: "S20011PAYOUT02")
            .replacingOccurrences(of: "1500000", with: "3500001"))
        #expect(short.status == 403 && short.body["code"] == "99", "\(short.text)")
        #expect(short.summary?.contains("is not enough") == true)
        let status = try send("/v2.0/inquiry-status", #"{"tradeType":2,"orderNo":"S20011PAYOUT01"}"#)
        #expect(status.body["status"] == "PROCESSING" && status.body["paymentMethod"] == "BRI")
    }
}

/// The back office's "Set Callback" and the payer (`/_sim/payer/smilepayz`), and the callback they draft.
@Suite struct SmilePayzSettlementTests {
    let api = SmilePayzTests(adminToken: "smilepayz-admin")

    func settle(_ body: String) -> SecurityAnswer {
        SecurityAnswer(api.harness.simulator.respond(to: HTTPRequest(
            method: .post, target: "/_sim/payer/smilepayz?partner=sandbox-20011",
            headers: ["Content-Type": "application/json", "Authorization": "Bearer smilepayz-admin"], body: Array(body.utf8))))
    }

    @Test func paidPayInSettlesAndDraftsASignedCallback() throws {
        let created = try api.send("/v2.0/transaction/pay-in", SmilePayzTests.payIn(
            "S20011PAID0001", method: "BCA", extra: #","callbackUrl":"http://127.0.0.1:9/notify""#))
        let tradeNo = try #require(created.body["tradeNo"]?.stringValue)
        api.harness.clock.advance(by: .seconds(30))
        let settled = settle(#"{"tradeNo":"\#(tradeNo)","outcome":"success"}"#)
        #expect(settled.status == 200, "\(settled.text)")
        #expect(settled.body["status"] == "SUCCESS")
        #expect(settled[pointer: "/callback/url"] == "http://127.0.0.1:9/notify")
        #expect(settled[pointer: "/callback/body/status"] == "SUCCESS")
        #expect(settled[pointer: "/callback/body/money/amount"] == .number("150000"))
        let timestamp = try #require(settled[pointer: "/callback/headers/X-TIMESTAMP"]?.stringValue)
        #expect(timestamp == "2026-11-21T18:20:17+07:00")
        let signature = try #require(settled[pointer: "/callback/headers/X-SIGNATURE"]?.stringValue)
        let key = try RSA.PublicKey(pem: SmilePayzPlatformKey.publicKeyPEM)
        #expect(key.isValidSignature(try #require(Base64.decode(signature)), for: Array((tradeNo + "|" + timestamp).utf8)))
        #expect(!key.isValidSignature(try #require(Base64.decode(signature)), for: Array((tradeNo + "|x").utf8)))

        let status = try api.send("/v2.0/inquiry-status", #"{"tradeType":1,"orderNo":"S20011PAID0001"}"#)
        #expect(status.body["status"] == "SUCCESS")
        let balance = try api.send("/v2.0/inquiry-balance", #"{"accountNo":"x"}"#)
        #expect(balance[pointer: "/accountInfos/0/availableBalance/value"] == "150000.00")
        let again = settle(#"{"tradeNo":"\#(tradeNo)","outcome":"failure"}"#)
        #expect(again.status == 404, "\(again.text)")
        #expect(SmilePayzCallback.acknowledged(status: 200, body: Array(" success\n".utf8)))
        #expect(!SmilePayzCallback.acknowledged(status: 200, body: Array("OK".utf8)))
    }

    @Test func cashierOrderNeedsTheChosenMethodAndFailedPayOutIsRefunded() throws {
        _ = try api.send("/v2.0/transaction/pay-in", SmilePayzTests.payIn("S20011CASH0001"))
        #expect(settle(#"{"orderNo":"S20011CASH0001"}"#).status == 400)
        let paid = settle(#"{"orderNo":"S20011CASH0001","paymentMethod":"qris"}"#)
        #expect(paid.body["paymentMethod"] == "QRIS" && paid.body["callback"] == .null, "\(paid.text)")

        let body = #"{"orderNo":"S20011PAYOUT09","purpose":"p","merchant":{"merchantId":"sandbox-20011"},"money":{"currency":"IDR","amount":1000000},"paymentMethod":"DANA","cashAccount":"81234567"}"#
        #expect(try api.send("/v2.0/disbursement/pay-out", body).body["code"] == "00")
        let failed = settle(#"{"orderNo":"S20011PAYOUT09","tradeType":2,"outcome":"failure"}"#)
        #expect(failed.body["status"] == "FAILED", "\(failed.text)")
        let balance = try api.send("/v2.0/inquiry-balance", #"{"accountNo":"sandbox-20011-PAYOUT"}"#)
        #expect(balance[pointer: "/accountInfos/0/availableBalance/value"] == "5000000.00")
    }

    @Test func expiredOrdersCannotBeSettled() throws {
        _ = try api.send("/v2.0/transaction/pay-in", SmilePayzTests.payIn("S20011LATE0001", method: "BNI", extra: #","expiryPeriod":10"#))
        api.harness.clock.advance(by: .seconds(11))
        let late = settle(#"{"orderNo":"S20011LATE0001"}"#)
        #expect(late.status == 404 && late.text.contains("has already expired"), "\(late.text)")
    }
}

extension SecurityAnswer {
    subscript(pointer pointer: JSONPointer) -> JSONValue? { JSONValue.object(body)[pointer: pointer] }
}
