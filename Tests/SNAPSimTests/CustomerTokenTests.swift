import SimHTTP
import Testing

@testable import SNAPSim
import SimJSON

/// B2B2C customer tokens (service 74) and `Authorization-Customer` on the routes that need one.
@Suite struct CustomerTokenTests {
    static let danaToken = "/v1.0/access-token/b2b2c.htm"
    static let danaBalance = "/v1.0/balance-inquiry.htm"
    static let danaBalanceBody = #"{"partnerReferenceNo":"B-1","balanceTypes":["BALANCE"],"additionalInfo":{"deviceId":"device-1"}}"#

    @Test func authorizationCode_GivesATokenPairInJakartaTime() throws {
        let harness = ProfileHarness()
        let dana = try harness.partner("snapsim-dana")
        let answer = try harness.customerToken(dana, path: Self.danaToken, authCode: "snapsim-authcode-budi")
        #expect(answer.code == "2007400", "\(answer.text)")
        #expect(answer.message == "Successful")
        #expect(answer.body["tokenType"] == "Bearer")
        #expect(answer.body.keys.sorted() == [
            "accessToken", "accessTokenExpiryTime", "refreshToken", "refreshTokenExpiryTime", "responseCode",
            "responseMessage", "tokenType",
        ])
        // 15 days and 30 days after 2026-11-21T18:19:47+07:00.
        #expect(answer.body["accessTokenExpiryTime"] == "2026-12-06T18:19:47+07:00")
        #expect(answer.body["refreshTokenExpiryTime"] == "2026-12-21T18:19:47+07:00")
    }

    @Test func grantType_IsReadWithoutLetterCase_AsDOKUWritesIt() throws {
        let harness = ProfileHarness()
        let doku = try harness.partner("snapsim-doku")
        let answer = try harness.customerToken(
            doku, path: "/authorization/v1/access-token/b2b2c", authCode: "snapsim-authcode-siti",
            grantType: "authorization_code", utc: true)
        #expect(answer.code == "2007400")
        let wrong = try harness.customerToken(
            doku, path: "/authorization/v1/access-token/b2b2c", authCode: "snapsim-authcode-siti",
            grantType: "client_credentials", utc: true)
        #expect(wrong.code == "4007401")
        #expect(wrong.message == "Invalid Field Format grantType")
    }

    @Test func unknownAuthCode_IsUnauthorized() throws {
        let harness = ProfileHarness()
        let dana = try harness.partner("snapsim-dana")
        let answer = try harness.customerToken(dana, path: Self.danaToken, authCode: "guessed")
        #expect(answer.status == 401)
        #expect(answer.code == "4017400")
    }

    @Test func refreshToken_GivesANewPair_Once() throws {
        let harness = ProfileHarness()
        let dana = try harness.partner("snapsim-dana")
        let first = try harness.customerToken(dana, path: Self.danaToken, authCode: "snapsim-authcode-budi")
        let refresh = try #require(first.body["refreshToken"]?.stringValue)
        let refreshBody = #"{"grantType":"REFRESH_TOKEN","refreshToken":"\#(refresh)"}"#
        let second = harness.send(try harness.tokenRequest(dana, path: Self.danaToken, body: refreshBody, timestamp: harness.timestamp()))
        #expect(second.code == "2007400")
        #expect(second.body["accessToken"] != first.body["accessToken"])
        let reused = harness.send(try harness.tokenRequest(dana, path: Self.danaToken, body: refreshBody, timestamp: harness.timestamp()))
        #expect(reused.code == "4017402")
        #expect(reused.message == "Invalid Customer Token")
    }

    @Test func danaBalance_AnswersTheTokensCustomer() throws {
        var harness = ProfileHarness()
        let dana = try harness.partner("snapsim-dana")
        let token = try #require(try harness.customerToken(dana, path: Self.danaToken, authCode: "snapsim-authcode-budi")
            .body["accessToken"]?.stringValue)
        let answer = harness.send(try harness.transaction(
            dana, path: Self.danaBalance, body: Self.danaBalanceBody, timestamp: harness.timestamp(), channel: "95221",
            extraHeaders: ["Authorization-Customer": "Bearer " + token, "X-DEVICE-ID": "device-1"]))
        #expect(answer.code == "2001100", "\(answer.text)")
        #expect(answer.body["name"] == "Bu** Sa****")
        let info = try #require(answer.body["accountInfos"]?.arrayValue?.first?.objectValue)
        #expect(info["balanceType"] == "BALANCE")
        #expect(info["availableBalance"] == ["value": "150000.00", "currency": "IDR"])
    }

    @Test func customerToken_IsRefused_WhenMissingMiswrittenUnknownOrExpired() throws {
        var harness = ProfileHarness()
        let dana = try harness.partner("snapsim-dana")
        let token = try #require(try harness.customerToken(dana, path: Self.danaToken, authCode: "snapsim-authcode-budi")
            .body["accessToken"]?.stringValue)
        func balance(_ customer: String?, _ harness: inout ProfileHarness) throws -> SecurityAnswer {
            var headers: HTTPHeaders = ["X-DEVICE-ID": "device-1"]
            if let customer { headers["Authorization-Customer"] = customer }
            return harness.send(try harness.transaction(
                dana, path: Self.danaBalance, body: Self.danaBalanceBody, timestamp: harness.timestamp(), channel: "95221",
                extraHeaders: headers))
        }
        #expect(try balance(nil, &harness).code == "4011104")
        let raw = try balance(token, &harness)
        #expect(raw.code == "4011102")
        #expect(raw.summary == "Authorization-Customer must start with Bearer in this profile")
        #expect(try balance("Bearer unknown", &harness).code == "4011102")
        harness.clock.advance(by: .seconds(15 * 24 * 3600))
        let expired = try balance("Bearer " + token, &harness)
        #expect(expired.code == "4011102")
        #expect(expired.summary?.hasPrefix("Customer token expired at") == true)
    }

    @Test func customerToken_OfAnotherPartner_IsInvalid() throws {
        var harness = ProfileHarness()
        let doku = try harness.partner("snapsim-doku")
        let dana = try harness.partner("snapsim-dana")
        let danaCustomer = try #require(try harness.customerToken(dana, path: Self.danaToken, authCode: "snapsim-authcode-siti")
            .body["accessToken"]?.stringValue)
        let token = try harness.b2bToken(doku, path: "/authorization/v1/access-token/b2b", utc: true)
        let answer = harness.send(try harness.transaction(
            doku, path: "/direct-debit/core/v1/balance-inquiry", body: #"{"additionalInfo":{"channel":"EMONEY_DANA_SNAP"}}"#,
            token: token, timestamp: harness.timestamp(utc: true), channel: "DH",
            extraHeaders: ["Authorization-Customer": danaCustomer]))
        #expect(answer.code == "4011102")
    }

    @Test func dana_BalanceNeedsTheDeviceHeader() throws {
        var harness = ProfileHarness()
        let dana = try harness.partner("snapsim-dana")
        let answer = harness.send(try harness.transaction(
            dana, path: Self.danaBalance, body: Self.danaBalanceBody, timestamp: harness.timestamp(), channel: "95221",
            extraHeaders: ["Authorization-Customer": "Bearer x"]))
        #expect(answer.code == "4001102")
        #expect(answer.message == "Invalid Mandatory Field X-DEVICE-ID")
    }
}
