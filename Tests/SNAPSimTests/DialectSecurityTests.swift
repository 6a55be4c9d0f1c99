import SNAPCrypto
import SimHTTP
import Testing

@testable import SNAPSim
import SimJSON

/// Each profile's signing, timestamp and header rules, as its demo partner meets them.
@Suite struct DialectSecurityTests {
    static let danaInquiry = "/rest/v1.0/emoney/account-inquiry"
    static let danaInquiryBody = #"{"partnerReferenceNo":"DANA-1","customerNumber":"6281977817902","amount":{"value":"10000.00","currency":"IDR"},"transactionDate":"2026-11-21T18:19:47+07:00","additionalInfo":{"fundType":"AGENT_TOPUP_FOR_USER_SETTLE"}}"#
    static let nicepayBody = #"{"accountNo":"IONPAYTEST","additionalInfo":{"msId":"IONPAYMS01"}}"#

    // MARK: - DANA

    @Test func dana_AcceptsRSAWithoutToken_AndSDKStyleExternalID() throws {
        var harness = ProfileHarness()
        let dana = try harness.partner("snapsim-dana")
        // dana-python's X-EXTERNAL-ID: "sdk" + part of a UUID, 36 characters, not numeric.
        let call = try harness.transaction(
            dana, path: Self.danaInquiry, body: Self.danaInquiryBody, timestamp: harness.timestamp(), channel: "95221",
            externalID: "sdk" + "e0a4c1d2-7b8f-4c3e-9a1b-2c3d4e5f6a7b".dropFirst(3))
        let answer = harness.send(call)
        #expect(answer.code == "2003700", "\(answer.text)")
    }

    @Test func dana_RefusesUTCTimestamps() throws {
        var harness = ProfileHarness()
        let dana = try harness.partner("snapsim-dana")
        let call = try harness.transaction(
            dana, path: Self.danaInquiry, body: Self.danaInquiryBody, timestamp: harness.timestamp(utc: true), channel: "95221")
        let answer = harness.send(call)
        #expect(answer.code == "4003701")
        #expect(answer.summary == "X-TIMESTAMP must be written in +07:00")
    }

    @Test func dana_RefusesOtherChannels_AndHexSignatures() throws {
        var harness = Self.withoutPartnerChannel("snapsim-dana")
        let dana = try harness.partner("snapsim-dana")
        let channel = harness.send(try harness.transaction(
            dana, path: Self.danaInquiry, body: Self.danaInquiryBody, timestamp: harness.timestamp(), channel: "SDK"))
        #expect(channel.code == "4003701")
        #expect(channel.message == "Invalid Field Format CHANNEL-ID")
        #expect(channel.summary == "CHANNEL-ID must be 95221 in the dana profile")

        var hex = try harness.transaction(
            dana, path: Self.danaInquiry, body: Self.danaInquiryBody, timestamp: harness.timestamp(), channel: "95221")
        let base64 = try #require(hex.headers["X-SIGNATURE"])
        hex.headers["X-SIGNATURE"] = Hex.encode(try #require(Base64.decode(base64)))
        #expect(harness.send(hex).code == "4013700")
    }

    @Test func dana_RequiresFundType() throws {
        var harness = ProfileHarness()
        let dana = try harness.partner("snapsim-dana")
        let body = Self.danaInquiryBody.replacingOccurrences(of: #""fundType":"AGENT_TOPUP_FOR_USER_SETTLE""#, with: #""fundType":"""#)
        let answer = harness.send(try harness.transaction(
            dana, path: Self.danaInquiry, body: body, timestamp: harness.timestamp(), channel: "95221"))
        #expect(answer.code == "4003702")
        #expect(answer.message == "Invalid Mandatory Field additionalInfo.fundType")
    }

    // MARK: - DOKU

    @Test func doku_AnswersExpiresInAsANumber_AndWantsUTC() throws {
        let harness = ProfileHarness()
        let doku = try harness.partner("snapsim-doku")
        let body = #"{"grantType": "client_credentials", "additionalInfo": ""}"#
        let utc = harness.send(try harness.tokenRequest(
            doku, path: "/authorization/v1/access-token/b2b", body: body, timestamp: harness.timestamp(utc: true)))
        #expect(utc.code == "2007300", "\(utc.text)")
        #expect(utc.body["expiresIn"] == .int(900))
        #expect(utc.text.contains(#""expiresIn":900"#))

        let jakarta = harness.send(try harness.tokenRequest(
            doku, path: "/authorization/v1/access-token/b2b", body: body, timestamp: harness.timestamp()))
        #expect(jakarta.code == "4007301")
        #expect(jakarta.summary == "X-TIMESTAMP must be written in UTC with Z")
    }

    @Test func snapAndBCA_AnswerExpiresInAsAString() throws {
        let harness = ProfileHarness()
        let bca = try harness.partner("snapsim-bca")
        let answer = harness.send(try harness.tokenRequest(
            bca, path: "/openapi/v1.0/access-token/b2b", body: #"{"grantType":"client_credentials"}"#,
            timestamp: harness.timestamp()))
        #expect(answer.body["expiresIn"] == .string("900"))
    }

    /// The default fixtures without the partner's own `channelId`, so the profile's rule alone decides.
    private static func withoutPartnerChannel(_ clientId: String) -> ProfileHarness {
        var fixtures = LoadedFixtures.defaults
        fixtures.partners[clientId]?.channelId = nil
        return ProfileHarness(fixtures: fixtures)
    }

    @Test func doku_AcceptsItsChannels_AndItsLongNumericExternalIDs() throws {
        var harness = Self.withoutPartnerChannel("snapsim-doku")
        let doku = try harness.partner("snapsim-doku")
        let token = try harness.b2bToken(doku, path: "/authorization/v1/access-token/b2b", utc: true)
        let customer = try #require(try harness.customerToken(
            doku, path: "/authorization/v1/access-token/b2b2c", authCode: "snapsim-authcode-siti",
            grantType: "authorization_code", utc: true).body["accessToken"]?.stringValue)
        for channel in ["DH", "SDK", "WEB"] {
            let answer = harness.send(try harness.transaction(
                doku, path: "/direct-debit/core/v1/balance-inquiry", body: #"{"additionalInfo":{"channel":"EMONEY_DANA_SNAP"}}"#,
                token: token, timestamp: harness.timestamp(utc: true), channel: channel,
                externalID: "12345678901234561790000000" + channel, extraHeaders: ["Authorization-Customer": customer]))
            #expect(answer.code == (channel == "WEB" ? "4001101" : "2001100"), "\(channel): \(answer.text)")
        }
    }

    // MARK: - NICEPAY

    @Test func nicepay_AcceptsTheChannelsAndExternalIDsItsOwnSDKsSend() throws {
        var harness = ProfileHarness()
        let nicepay = try harness.partner("IONPAYTEST")
        let token = try harness.b2bToken(nicepay, path: "/nicepay/v1.0/access-token/b2b")
        for (channel, externalID) in [
            ("IONPAYTEST01", "ordNo20261121181947"), ("IONPAYTEST08", "extIDPayout2024-12-10T11:21:21+07:00"),
            ("123456", "482913"), ("NICE", "NTPo20261121"),
        ] {
            let answer = harness.send(try harness.transaction(
                nicepay, path: "/nicepay/api/v1.0/balance-inquiry", body: Self.nicepayBody, token: token,
                timestamp: harness.timestamp(), channel: channel, externalID: externalID))
            #expect(answer.code == "2001100", "\(channel) \(externalID): \(answer.text)")
        }
        let long = harness.send(try harness.transaction(
            nicepay, path: "/nicepay/api/v1.0/balance-inquiry", body: Self.nicepayBody, token: token,
            timestamp: harness.timestamp(), channel: "IONPAYTEST01", externalID: String(repeating: "7", count: 41)))
        #expect(long.code == "4001101")
        #expect(long.message == "Invalid Field Format X-EXTERNAL-ID")
    }

    // MARK: - BCA

    @Test func bca_RefusesExternalIDsLongerThan36() throws {
        var harness = ProfileHarness()
        let bca = try harness.partner("snapsim-bca")
        let token = try harness.b2bToken(bca, path: "/openapi/v1.0/access-token/b2b")
        let send = { (externalID: String, harness: inout ProfileHarness) in
            harness.send(try harness.transaction(
                bca, path: "/openapi/v1.0/balance-inquiry", body: #"{"accountNo":"12345678"}"#, token: token,
                timestamp: harness.timestamp(), channel: "95221", externalID: externalID))
        }
        #expect(try send(String(repeating: "1", count: 36), &harness).code == "2001100")
        let long = try send(String(repeating: "2", count: 37), &harness)
        // BCA prints Invalid Field Format with case 02 on balance inquiry.
        #expect(long.code == "4001102")
        #expect(long.message == "Invalid Field Format X-EXTERNAL-ID")
    }
}
