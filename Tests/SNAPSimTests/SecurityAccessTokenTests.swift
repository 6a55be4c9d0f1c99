import SNAPSim
import SimHTTP
import Testing
import SimJSON

@Suite struct SecurityAccessTokenTests {
    @Test func tokenRequest_IssuesBearerToken_WhenSignedWithPartnerKey() throws {
        let world = SecurityWorld()
        let answer = world.send(world.tokenRequest(.alpha))
        #expect(answer.status == 200)
        #expect(answer.code == "2007300")
        #expect(answer.message == "Successful")
        let token = try #require(answer.body["accessToken"]?.stringValue)
        #expect(token.count == 64)
        #expect(answer.body["tokenType"] == "Bearer")
        #expect(answer.body["expiresIn"] == .string("900"))
        #expect(answer.headers["X-CLIENT-KEY"] == TestPartner.alpha.id)
        #expect(answer.headers["X-TIMESTAMP"] == "2026-11-21T18:19:47+07:00")
    }

    @Test func tokenRequest_IssuesSameToken_WhenSeedAndClockRepeat() {
        let first = SecurityWorld().send(SecurityWorld().tokenRequest(.alpha))
        let second = SecurityWorld().send(SecurityWorld().tokenRequest(.alpha))
        #expect(first.body["accessToken"] != nil)
        #expect(first.body["accessToken"] == second.body["accessToken"])
    }

    @Test func tokenRequest_ExpiresInFollowsSettings() {
        var settings = SecuritySettings()
        settings.tokenLifetimeSeconds = 60
        let world = SecurityWorld(settings: settings)
        #expect(world.send(world.tokenRequest(.alpha)).body["expiresIn"] == .string("60"))
    }

    @Test func tokenRequest_AcceptsDOKUBody_WhenAdditionalInfoIsEmptyString() {
        let world = SecurityWorld()
        let answer = world.send(world.tokenRequest(.alpha, body: #"{"grantType": "client_credentials", "additionalInfo": ""}"#))
        #expect(answer.code == "2007300")
    }

    @Test(arguments: ["X-TIMESTAMP", "X-CLIENT-KEY", "X-SIGNATURE"])
    func tokenRequest_Returns4007302NamingHeader_WhenHeaderMissing(header: String) {
        let world = SecurityWorld()
        var request = world.tokenRequest(.alpha)
        request.headers[header] = nil
        let answer = world.send(request)
        #expect(answer.status == 400)
        #expect(answer.code == "4007302")
        #expect(answer.explain?["missingHeader"] == .string(header))
    }

    @Test(arguments: ["yesterday", "2026-11-21 18:19:47+07:00", "2026-11-21T18:19:47", "2026-11-21T10:00:00+07:00"])
    func tokenRequest_Returns4007301_WhenTimestampInvalidOrStale(timestamp: String) {
        let world = SecurityWorld()
        let answer = world.send(world.tokenRequest(.alpha, timestamp: timestamp))
        #expect(answer.code == "4007301")
        #expect(answer.explain?["check"] == "timestamp")
    }

    @Test func tokenRequest_Returns4017300UnknownClient_WhenClientKeyUnknown() {
        let world = SecurityWorld()
        var request = world.tokenRequest(.alpha)
        request.headers["X-CLIENT-KEY"] = "nobody"
        let answer = world.send(request)
        #expect(answer.status == 401)
        #expect(answer.code == "4017300")
        #expect(answer.explain?["check"] == "client")
        #expect(answer.summary?.contains("nobody") == true)
    }

    @Test func tokenRequest_Returns4017300Signature_WhenSignedWithOtherKey() {
        let world = SecurityWorld()
        var request = world.tokenRequest(.alpha)
        request.headers["X-SIGNATURE"] = world.tokenRequest(.beta).headers["X-SIGNATURE"]
        let answer = world.send(request)
        #expect(answer.code == "4017300")
        #expect(answer.explain?["check"] == "signature")
        #expect(answer.explain?["stringToSign"] == .string("partner-alpha|" + world.now))
        #expect(answer.causes == ["no-variant-matched"])
    }

    @Test func tokenRequest_ExplainsTimestampForm_WhenSignedWithZButSentWithOffset() {
        let world = SecurityWorld()
        var request = world.tokenRequest(.alpha, timestamp: "2026-11-21T11:19:47Z")
        request.headers["X-TIMESTAMP"] = world.now
        let answer = world.send(request)
        #expect(answer.code == "4017300")
        #expect(answer.causes == ["timestamp-form-differs"])
    }

    @Test func tokenRequest_Returns4007300_WhenBodyIsNotJSON() {
        let world = SecurityWorld()
        #expect(world.send(world.tokenRequest(.alpha, body: "grantType=client_credentials")).code == "4007300")
        #expect(world.send(world.tokenRequest(.alpha, body: "")).code == "4007300")
        #expect(world.send(world.tokenRequest(.alpha, body: "[1]")).code == "4007300")
    }

    @Test func tokenRequest_Returns4007302_WhenGrantTypeMissing() {
        let world = SecurityWorld()
        #expect(world.send(world.tokenRequest(.alpha, body: #"{"additionalInfo":{}}"#)).code == "4007302")
    }

    @Test func tokenRequest_Returns4007301_WhenGrantTypeWrong() {
        let world = SecurityWorld()
        let answer = world.send(world.tokenRequest(.alpha, body: #"{"grantType":"CLIENT_CREDENTIALS"}"#))
        #expect(answer.code == "4007301")
        #expect(answer.causes == ["grant-type-case"])
        #expect(world.send(world.tokenRequest(.alpha, body: #"{"grantType":7}"#)).code == "4007301")
    }

    @Test func tokenRequest_VerifiesOpenSSLSignature() {
        let world = SecurityWorld()
        let request = HTTPRequest(
            method: .post, target: SecurityWorld.tokenPath,
            headers: [
                "X-TIMESTAMP": "2026-11-21T18:19:47+07:00", "X-CLIENT-KEY": "partner-alpha",
                "X-SIGNATURE": TestKeys.opensslSignature,
            ],
            body: Array(#"{"grantType":"client_credentials"}"#.utf8))
        #expect(world.send(request).code == "2007300")
    }
}
