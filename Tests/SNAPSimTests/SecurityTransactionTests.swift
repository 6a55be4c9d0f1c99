import SNAPSim
import SimHTTP
import Testing
import SimJSON

@Suite struct SecurityTransactionTests {
    @Test func transaction_Passes_WhenTokenAndSignatureGood() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        let answer = world.send(SignedCall(.alpha, token: token, world: &world).request)
        #expect(answer.status == 200)
        #expect(answer.code == "2001100")
    }

    @Test(arguments: ["X-TIMESTAMP", "X-SIGNATURE", "X-PARTNER-ID", "X-EXTERNAL-ID", "CHANNEL-ID"])
    func transaction_Returns400xx02NamingHeader_WhenHeaderMissing(header: String) throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        var request = SignedCall(.alpha, token: token, world: &world).request
        request.headers[header] = nil
        let answer = world.send(request)
        #expect(answer.code == "4001102")
        #expect(answer.message == "Invalid Mandatory Field \(header)")
        #expect(answer.explain?["missingHeader"] == .string(header))
    }

    @Test func transaction_Returns400xx02_WhenHeaderBlank() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        var request = SignedCall(.alpha, token: token, world: &world).request
        request.headers["X-EXTERNAL-ID"] = "  "
        #expect(world.send(request).code == "4001102")
    }

    @Test func transaction_Returns401xx03_WhenAuthorizationMissingForSymmetricPartner() {
        var world = SecurityWorld()
        let answer = world.send(SignedCall(.alpha, token: nil, world: &world).request)
        #expect(answer.status == 401)
        #expect(answer.code == "4011103")
    }

    @Test func transaction_Returns401xx00UnknownClient_WhenPartnerUnknown() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        var request = SignedCall(.alpha, token: token, world: &world).request
        request.headers["X-PARTNER-ID"] = "PARTNER-ALPHA"
        let answer = world.send(request)
        #expect(answer.code == "4011100")
        #expect(answer.message == "Unauthorized. [Unknown client]")
        #expect(answer.causes == ["client-id-case"])
    }

    @Test func transaction_Returns400xx01ChannelID_WhenChannelDiffersFromPartner() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        var call = SignedCall(.alpha, token: token, world: &world)
        call.channelID = "SDK"
        let answer = world.send(call.request)
        #expect(answer.code == "4001101")
        #expect(answer.explain?["check"] == "channel-id")
    }

    @Test func transaction_AcceptsAnyChannel_WhenPartnerHasNone() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .beta)
        var call = SignedCall(.beta, token: token, world: &world)
        call.channelID = "DH"
        #expect(world.send(call.request).code == "2001100")
    }

    @Test func transaction_Returns400xx01Timestamp_WhenStale() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        var call = SignedCall(.alpha, token: token, world: &world)
        call.timestamp = "2026-11-21T18:10:00+07:00"
        let answer = world.send(call.request)
        #expect(answer.code == "4001101")
        #expect(answer.message == "Invalid Field Format X-TIMESTAMP")
        #expect(answer.explain?["skewSeconds"] == .number("-587"))
        #expect(answer.explain?["allowedSkewSeconds"] == .number("300"))
    }

    @Test func transaction_Returns400xx01Timestamp_WhenMalformed() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        var call = SignedCall(.alpha, token: token, world: &world)
        call.timestamp = "2026-11-21T18:19:47+0700"
        let answer = world.send(call.request)
        #expect(answer.code == "4001101")
        #expect(answer.causes == ["timestamp-offset-without-colon"])
    }

    @Test func transaction_Returns401xx00Signature_WhenSignedWithWrongSecret() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        var call = SignedCall(.alpha, token: token, world: &world)
        call.secret = "not-the-secret-at-all"
        let answer = world.send(call.request)
        #expect(answer.status == 401)
        #expect(answer.code == "4011100")
        #expect(answer.causes == ["no-variant-matched"])
    }

    @Test func transaction_Returns401xx01_WhenTokenExpired() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        world.clock.advance(by: .seconds(901))
        let answer = world.send(SignedCall(.alpha, token: token, world: &world).request)
        #expect(answer.code == "4011101")
        #expect(answer.message == "Invalid Token (B2B)")
        #expect(answer.causes == ["token-expired"])
        #expect(answer.explain?["tokenExpiredAt"] == "2026-11-21T18:34:47+07:00")
    }

    @Test func transaction_Passes_WhenTokenAlmostExpired() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        world.clock.advance(by: .seconds(899))
        #expect(world.send(SignedCall(.alpha, token: token, world: &world).request).code == "2001100")
    }

    @Test func transaction_Returns401xx01_WhenTokenBelongsToOtherPartner() throws {
        var world = SecurityWorld()
        let betaToken = try world.token(for: .beta)
        let answer = world.send(SignedCall(.alpha, token: betaToken, world: &world).request)
        #expect(answer.code == "4011101")
        #expect(answer.causes == ["token-of-other-partner"])
        #expect(answer.explain?["tokenIssuedTo"] == "partner-beta")
    }

    @Test func transaction_Returns401xx01_WhenTokenUnknown() {
        var world = SecurityWorld()
        let answer = world.send(SignedCall(.alpha, token: "never-issued", world: &world).request)
        #expect(answer.code == "4011101")
        #expect(answer.causes == ["token-unknown"])
    }

    @Test func transaction_Returns409xx00_WhenExternalIDReusedSameDay() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        let first = SignedCall(.alpha, token: token, world: &world)
        #expect(world.send(first.request).code == "2001100")
        world.clock.advance(by: .seconds(60))
        var again = SignedCall(.alpha, token: token, world: &world)
        again.externalID = first.externalID
        let answer = world.send(again.request)
        #expect(answer.status == 409)
        #expect(answer.code == "4091100")
        #expect(answer.message == "Conflict")
        #expect(answer.explain?["firstUsedAt"] == "2026-11-21T18:19:47+07:00")
        #expect(answer.explain?["acceptedAgainFrom"] == "2026-11-22T00:00:00+07:00")
    }

    @Test func transaction_AcceptsExternalIDAgain_WhenJakartaDayChanged() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        let first = SignedCall(.alpha, token: token, world: &world)
        #expect(world.send(first.request).code == "2001100")
        // 18:19:47 + 5h41m = 00:00:47 the next day in Jakarta; the token is long expired, so take a new one.
        world.clock.advance(by: .seconds(5 * 3600 + 41 * 60))
        let fresh = try world.token(for: .alpha)
        var again = SignedCall(.alpha, token: fresh, world: &world)
        again.externalID = first.externalID
        #expect(world.send(again.request).code == "2001100")
    }

    @Test func transaction_ExternalIDsArePerPartner() throws {
        var world = SecurityWorld()
        let alpha = try world.token(for: .alpha)
        let beta = try world.token(for: .beta)
        let first = SignedCall(.alpha, token: alpha, world: &world)
        #expect(world.send(first.request).code == "2001100")
        var other = SignedCall(.beta, token: beta, world: &world)
        other.externalID = first.externalID
        #expect(world.send(other.request).code == "2001100")
    }

    @Test func transaction_DoesNotBurnExternalID_WhenRejected() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        var bad = SignedCall(.alpha, token: token, world: &world)
        bad.secret = "wrong-secret-value"
        #expect(world.send(bad.request).code == "4011100")
        var good = SignedCall(.alpha, token: token, world: &world)
        good.externalID = bad.externalID
        #expect(world.send(good.request).code == "2001100")
    }

    @Test func transaction_Returns400xx01_WhenExternalIDNotNumericAndSettingsRequireDigits() throws {
        var settings = SecuritySettings()
        settings.externalIDNumericOnly = true
        var world = SecurityWorld(settings: settings)
        let token = try world.token(for: .alpha)
        var call = SignedCall(.alpha, token: token, world: &world)
        call.externalID = "sdk-3f2a"
        let answer = world.send(call.request)
        #expect(answer.code == "4001101")
        #expect(answer.explain?["check"] == "external-id")
    }

    @Test func transaction_Returns400xx01_WhenExternalIDTooLong() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        var call = SignedCall(.alpha, token: token, world: &world)
        call.externalID = String(repeating: "9", count: 65)
        #expect(world.send(call.request).code == "4001101")
    }

    @Test func transaction_ChecksInSNAPOrder_WhenEverythingIsWrong() throws {
        var world = SecurityWorld()
        var call = SignedCall(.alpha, token: "unknown-token", world: &world)
        call.timestamp = "2020-01-01T00:00:00+07:00"
        call.secret = "wrong-secret-value"
        // Timestamp comes before signature, signature before token.
        #expect(world.send(call.request).code == "4001101")
        call.timestamp = world.now
        #expect(world.send(call.request).code == "4011100")
        call.secret = nil
        #expect(world.send(call.request).code == "4011101")
    }
}
