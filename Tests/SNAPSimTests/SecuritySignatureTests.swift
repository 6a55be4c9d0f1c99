import SNAPCrypto
import SNAPSim
import SimHTTP
import Testing

@Suite struct SecuritySignatureTests {
    @Test func signature_Accepted_WhenHexEncoded() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        var call = SignedCall(.alpha, token: token, world: &world)
        call.hex = true
        #expect(world.send(call.request).code == "2001100")
    }

    @Test func signature_Accepted_WhenHexUpperCase() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        var call = SignedCall(.alpha, token: token, world: &world)
        call.hex = true
        var request = call.request
        request.headers["X-SIGNATURE"] = call.signature.uppercased()
        #expect(world.send(request).code == "2001100")
    }

    @Test func signature_Accepted_WhenSpacedBodySignedCompact() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        var call = SignedCall(.alpha, token: token, world: &world)
        call.signedBody = #"{"partnerReferenceNo":"2020 1029","accountNo":"12345678","balanceTypes":["BALANCE"]}"#
        call.body = "{\n  \"partnerReferenceNo\": \"2020 1029\",\n  \"accountNo\": \"12345678\", \"balanceTypes\": [ \"BALANCE\" ]\n}"
        #expect(world.send(call.request).code == "2001100")
    }

    @Test func signature_Accepted_WhenQueryStringSigned() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        var call = SignedCall(.alpha, token: token, world: &world)
        call.target = SecurityWorld.transactionPath + "?startDate=2026-11-21&lang=id"
        #expect(call.stringToSign.contains(":/v1.0/balance-inquiry?startDate=2026-11-21&lang=id:"))
        #expect(world.send(call.request).code == "2001100")
    }

    @Test func signature_Accepted_WhenEmptyBodyHashesEmptyString() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        var call = SignedCall(.alpha, token: token, world: &world)
        call.body = ""
        #expect(call.stringToSign.contains(":e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855:"))
        // Security passes; the balance inquiry itself then refuses an empty body.
        #expect(world.send(call.request).code == "4001100")
    }

    @Test func signature_Rejected_WhenQueryStringLeftOutOfSignedPath() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        var call = SignedCall(.alpha, token: token, world: &world)
        call.target = SecurityWorld.transactionPath + "?lang=id"
        call.signedTarget = SecurityWorld.transactionPath
        let answer = world.send(call.request)
        #expect(answer.code == "4011100")
        #expect(answer.message == "Unauthorized. [Signature]")
        #expect(answer.causes == ["path-without-query"])
    }

    @Test(arguments: [
        "2026-11-21T18:19:47+07:00", "2026-11-21T11:19:47Z", "2026-11-21T11:19:47.123Z", "2026-11-21T06:19:47-05:00",
        "2026-11-21T18:19:47.5+07:00", "2026-11-21T12:19:47.123456+01:00",
    ])
    func signature_Accepted_WhenTimestampInAnyISO8601Form(timestamp: String) throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        var call = SignedCall(.alpha, token: token, world: &world)
        call.timestamp = timestamp
        #expect(world.send(call.request).code == "2001100")
    }

    @Test func asymmetricPartner_Passes_WhenRSASignedWithoutToken() {
        var world = SecurityWorld()
        var call = SignedCall(.rsa, token: nil, world: &world)
        call.channelID = "95221"
        let answer = world.send(call.request)
        #expect(answer.code == "2001100")
    }

    @Test func asymmetricPartner_Passes_WhenSpacedBodyAndHexSignature() {
        var world = SecurityWorld()
        var call = SignedCall(.rsa, token: nil, world: &world)
        call.signedBody = #"{"accountNo":"12345678","balanceTypes":["BALANCE","FLOAT"]}"#
        call.body = #"{ "accountNo" : "12345678", "balanceTypes" : [ "BALANCE", "FLOAT" ] }"#
        call.hex = true
        #expect(world.send(call.request).code == "2001100")
    }

    @Test func asymmetricPartner_Returns401xx00_WhenBodyChanged() {
        var world = SecurityWorld()
        var call = SignedCall(.rsa, token: nil, world: &world)
        call.signedBody = #"{"amount":"1.00"}"#
        call.body = #"{"amount":"9.00"}"#
        let answer = world.send(call.request)
        #expect(answer.code == "4011100")
        #expect(answer.explain?["algorithm"] == "SHA256withRSA")
        #expect(answer.causes == ["no-variant-matched"])
    }

    @Test func asymmetricPartner_ExplainsUnminifiedBody() {
        var world = SecurityWorld()
        var call = SignedCall(.rsa, token: nil, world: &world)
        call.body = #"{"accountNo": "12345678"}"#
        let answer = world.send(call.request)
        #expect(answer.code == "4011100")
        #expect(answer.causes == ["body-signed-unminified"])
    }

    @Test func asymmetricPartner_ExplainsHMACSignature() {
        var world = SecurityWorld()
        let call = SignedCall(.rsa, token: nil, world: &world)
        var request = call.request
        let hmac = TestPartner.rsa.hmacSign(call.stringToSign)
        request.headers["X-SIGNATURE"] = Base64.encode(hmac)
        let answer = world.send(request)
        #expect(answer.code == "4011100")
        #expect(answer.causes == ["signed-symmetrically"])
    }

    @Test func bearerRoute_Passes_WhenTokenValid() throws {
        let world = SecurityWorld()
        let token = try world.token(for: .beta)
        let request = HTTPRequest(method: .get, target: SecurityWorld.bearerPath, headers: ["Authorization": "Bearer " + token])
        let answer = world.send(request)
        #expect(answer.status == 200)
        #expect(answer.body["topupLimit"] != nil)
    }

    @Test func bearerRoute_Returns401xx03_WhenAuthorizationMissing() {
        let world = SecurityWorld()
        let answer = world.send(HTTPRequest(method: .get, target: SecurityWorld.bearerPath))
        #expect(answer.code == "4010003")
        #expect(answer.message == "Token Not Found (B2B)")
    }

    @Test func bearerRoute_Returns401xx01_WhenTokenExpiredOrUnknown() throws {
        let world = SecurityWorld()
        let token = try world.token(for: .beta)
        world.clock.advance(by: .seconds(901))
        let expired = HTTPRequest(method: .get, target: SecurityWorld.bearerPath, headers: ["Authorization": "Bearer " + token])
        #expect(world.send(expired).code == "4010001")
        let unknown = HTTPRequest(method: .get, target: SecurityWorld.bearerPath, headers: ["Authorization": "Bearer nope"])
        let answer = world.send(unknown)
        #expect(answer.code == "4010001")
        #expect(answer.message == "Invalid Token (B2B)")
    }
}
