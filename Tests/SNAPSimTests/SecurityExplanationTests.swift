import SNAPCrypto
import SNAPSim
import SimHTTP
import Testing
import SimJSON

@Suite struct SecurityExplanationTests {
    /// Signs a call with one input changed and returns the simulator's diagnosis.
    private func diagnose(_ change: (inout SignedCall) -> Void) throws -> SecurityAnswer {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        var call = SignedCall(.alpha, token: token, world: &world)
        change(&call)
        return world.send(call.request)
    }

    @Test func explanation_SaysBodySignedUnminified() throws {
        let answer = try diagnose { call in
            call.body = #"{"partnerReferenceNo": "1", "amount": {"value": "1.00"}}"#
        }
        #expect(answer.code == "4011100")
        #expect(answer.message == "Unauthorized. [Signature]")
        #expect(answer.summary == "Signature does not match: the body was signed un-minified")
        #expect(answer.causes == ["body-signed-unminified"])
        #expect(answer.headers["X-Snapsim-Explain"] == answer.summary)
        let minified = #"{"partnerReferenceNo":"1","amount":{"value":"1.00"}}"#
        #expect(answer.explain?["bodyHash"] == .string(Hex.encode(SHA256.hash(data: Array(minified.utf8)))))
        #expect(answer.explain?["minifiedBody"] == .string(minified))
    }

    @Test func explanation_CarriesStringToSignAndCheck() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        var call = SignedCall(.alpha, token: token, world: &world)
        call.secret = "some-other-secret"
        let answer = world.send(call.request)
        let explain = try #require(answer.explain)
        #expect(explain["check"] == "signature")
        #expect(explain["signingMode"] == "symmetric")
        #expect(explain["algorithm"] == "HMAC-SHA512")
        #expect(explain["stringToSign"] == .string(call.stringToSign))
        #expect(explain["timestampUsed"] == .string(call.timestamp))
        #expect(explain["signatureEncoding"] == "base64")
        #expect(explain.keys.first == "summary")
    }

    @Test func explanation_SaysTimestampFormDiffers() throws {
        let answer = try diagnose { call in
            call.signedTimestamp = "2026-11-21T11:19:47.000Z"
        }
        #expect(answer.causes == ["timestamp-form-differs"])
        #expect(answer.explain?["timestampUsed"] == "2026-11-21T18:19:47+07:00")
    }

    /// A timestamp a second off is no longer tried (an HMAC each): the explanation shows the header's text.
    @Test func explanation_ShowsTimestampUsed_WhenStampedTwice() throws {
        let answer = try diagnose { call in
            call.signedTimestamp = "2026-11-21T18:19:48+07:00"
        }
        #expect(answer.causes == ["no-variant-matched"])
        #expect(answer.explain?["timestampUsed"] == "2026-11-21T18:19:47+07:00")
    }

    @Test func explanation_SaysBearerPrefixSigned() throws {
        let answer = try diagnose { call in
            call.signedToken = "Bearer " + (call.token ?? "")
        }
        #expect(answer.causes == ["token-with-bearer-prefix"])
    }

    @Test func explanation_SaysQuerySorted() throws {
        let answer = try diagnose { call in
            call.target = SecurityWorld.transactionPath + "?b=2&a=1"
            call.signedTarget = SecurityWorld.transactionPath + "?a=1&b=2"
        }
        #expect(answer.causes == ["query-sorted"])
    }

    /// Two mistakes together are not tried (an HMAC each for mistakes seldom made together).
    @Test func explanation_SaysNoVariant_ForTwoMistakes() throws {
        let answer = try diagnose { call in
            call.body = #"{"a": 1}"#
            call.signedTimestamp = "2026-11-21T11:19:47Z"
        }
        #expect(answer.causes == ["no-variant-matched"])
    }

    @Test func explanation_SaysBase64OfHex() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        let call = SignedCall(.alpha, token: token, world: &world)
        var request = call.request
        let hexText = Hex.encode(TestPartner.alpha.hmacSign(call.stringToSign))
        request.headers["X-SIGNATURE"] = Base64.encode(Array(hexText.utf8))
        #expect(world.send(request).causes == ["signature-base64-of-hex"])
    }

    @Test func explanation_SaysBase64URL() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        let call = SignedCall(.alpha, token: token, world: &world)
        var request = call.request
        let url = call.signature.replacing("+", with: "-").replacing("/", with: "_").replacing("=", with: "")
        try #require(url != call.signature)
        request.headers["X-SIGNATURE"] = url
        let causes = world.send(request).causes
        #expect(causes == ["signature-base64url"] || causes == ["signature-base64-unpadded"])
    }

    @Test func explanation_SaysUndecodable() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        var request = SignedCall(.alpha, token: token, world: &world).request
        request.headers["X-SIGNATURE"] = "not a signature!"
        #expect(world.send(request).causes == ["signature-undecodable"])
    }

    @Test func explanation_SaysSignedWithOtherPartnersSecret() throws {
        let answer = try diagnose { call in
            call.secret = TestPartner.beta.secret
        }
        #expect(answer.causes == ["secret-of-other-partner"])
        #expect(answer.summary?.contains("partner-beta") == true)
    }

    @Test func explanation_SaysHMACSHA256() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        let call = SignedCall(.alpha, token: token, world: &world)
        var request = call.request
        let mac = HMAC<SHA256>.authenticationCode(for: Array(call.stringToSign.utf8), using: Array(TestPartner.alpha.secret.utf8))
        request.headers["X-SIGNATURE"] = Base64.encode(mac)
        #expect(world.send(request).causes == ["hmac-sha256"])
    }

    @Test func explanation_SaysSlashesEscaped() throws {
        let answer = try diagnose { call in
            call.body = #"{"url":"https://x.id/a"}"#
            call.signedBody = #"{"url":"https:\/\/x.id\/a"}"#
        }
        #expect(answer.causes == ["body-slashes-escaped"])
    }

    @Test func explanation_SaysEmptyBodyHashOmitted() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        var call = SignedCall(.alpha, token: token, world: &world)
        call.body = ""
        var request = call.request
        let text = "POST:\(SecurityWorld.transactionPath):\(token)::\(call.timestamp)"
        request.headers["X-SIGNATURE"] = Base64.encode(TestPartner.alpha.hmacSign(text))
        #expect(world.send(request).causes == ["empty-body-hash-omitted"])
    }

    @Test func explanation_SaysZoneMislabelled_WhenLocalTimeSentAsUTC() throws {
        let answer = try diagnose { call in
            call.timestamp = "2026-11-21T18:19:47Z"
        }
        #expect(answer.code == "4001101")
        #expect(answer.causes == ["timestamp-zone-mislabelled"])
    }

    @Test func explanation_SaysExternalIDFirstUse() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        var call = SignedCall(.alpha, token: token, world: &world)
        #expect(world.send(call.request).code == "2001100")
        world.clock.advance(by: .seconds(5))
        call.timestamp = world.now
        let answer = world.send(call.request)
        #expect(answer.causes == ["external-id-reused"])
        #expect(answer.explain?["day"] == "2026-11-21")
    }

    @Test func explanation_NeverContainsSecretOrPrivateKey() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        var answers: [SecurityAnswer] = []
        var call = SignedCall(.alpha, token: token, world: &world)
        call.secret = "wrong-secret-value"
        answers.append(world.send(call.request))
        var echo = SignedCall(.alpha, token: token, world: &world).request
        // A partner pasting its secret where the signature belongs must not see it echoed back.
        echo.headers["X-SIGNATURE"] = TestPartner.alpha.secret
        answers.append(world.send(echo))
        echo.headers["X-PARTNER-ID"] = TestPartner.beta.secret
        answers.append(world.send(echo))
        var rsa = SignedCall(.rsa, token: nil, world: &world)
        rsa.body = #"{"a": 1}"#
        answers.append(world.send(rsa.request))
        for answer in answers {
            #expect(answer.explain != nil)
            for secret in [TestPartner.alpha.secret, TestPartner.beta.secret, TestPartner.rsa.secret] {
                #expect(!answer.text.contains(secret))
            }
            #expect(!answer.text.contains("PRIVATE KEY"))
        }
    }

    @Test func explanation_Hidden_WhenExplainOff() throws {
        let clock = SimulatorClock.fixed(at: SecurityWorld.start)
        let world = SecurityWorld()
        let simulator = Simulator(fixtures: world.simulator.fixtures, options: SimulatorOptions(seed: 1, clock: clock, explain: false))
        var request = world.tokenRequest(.alpha)
        request.headers["X-SIGNATURE"] = "AAAA"
        let answer = SecurityAnswer(simulator.respond(to: request))
        #expect(answer.code == "4017300")
        #expect(answer.explain == nil)
        #expect(answer.headers["X-Snapsim-Explain"] == nil)
    }
}
