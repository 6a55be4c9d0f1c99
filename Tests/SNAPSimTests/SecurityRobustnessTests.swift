import SNAPSim
import SimHTTP
import Testing

/// Hostile and malformed input must end in a SNAP rejection, never a trap.
@Suite struct SecurityRobustnessTests {
    private static let headerNames = [
        "X-TIMESTAMP", "X-SIGNATURE", "X-PARTNER-ID", "X-EXTERNAL-ID", "CHANNEL-ID", "Authorization", "X-CLIENT-KEY",
    ]

    /// A deterministic stream so a failure can be replayed.
    private struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private static func randomText(_ generator: inout SplitMix) -> String {
        let pieces = ["", " ", "Bearer ", "Bearer", "==", "%00", "\u{0}", "\u{7F}", "é", "🙂", "2026-11-21T18:19:47+07:00",
            "partner-alpha", "partner-rsa", "0", "-", "_", "/", ":", "|", "AAAA", "zz", "ffff"]
        var text = ""
        for _ in 0..<Int.random(in: 0..<6, using: &generator) {
            text += pieces.randomElement(using: &generator)!
        }
        return text
    }

    @Test func pipeline_Rejects_WhenHeadersAreRandom() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        var generator = SplitMix(state: 2026)
        // Signed once per partner (RSA signing is slow in debug builds); X-EXTERNAL-ID is not signed, so each
        // round can still carry a fresh one.
        let signed = [TestPartner.alpha, .rsa].map { SignedCall($0, token: $0.signing == .symmetric ? token : nil, world: &world).request }
        for round in 0..<300 {
            var request = signed[round % 2]
            request.headers["X-EXTERNAL-ID"] = world.nextExternalID()
            for name in Self.headerNames where Bool.random(using: &generator) {
                request.headers[name] = Bool.random(using: &generator) ? nil : Self.randomText(&generator)
            }
            if Bool.random(using: &generator) {
                request.body = (0..<Int.random(in: 0..<40, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            }
            let answer = world.send(request)
            #expect(answer.status >= 200 && answer.status < 500)
        }
    }

    @Test func pipeline_Rejects_WhenHeadersAreHuge() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        let huge = String(repeating: "A", count: 1 << 20)
        for name in Self.headerNames {
            for partner in [TestPartner.alpha, .rsa] {
                var request = SignedCall(partner, token: token, world: &world).request
                request.headers[name] = huge
                let answer = world.send(request)
                #expect(answer.status < 500, "\(name)")
                #expect(answer.text.utf8.count < 8192, "\(name): the explanation must clip what it echoes")
            }
        }
    }

    @Test func pipeline_Rejects_WhenBodyIsHugeInvalidOrDeep() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        let bodies: [[UInt8]] = [
            [0xFF, 0xFE, 0x00, 0x22, 0x7B],
            Array(String(repeating: "[", count: 50_000).utf8),
            Array(("{\"a\": \"" + String(repeating: "x ", count: 600_000) + "\"}").utf8),
        ]
        for body in bodies {
            for partner in [TestPartner.alpha, .rsa] {
                var request = SignedCall(partner, token: token, world: &world).request
                request.body = body
                #expect(world.send(request).code?.hasPrefix("401") == true)
            }
        }
    }

    @Test func pipeline_Verifies_WhenBodyIsInvalidJSONSignedRaw() throws {
        var world = SecurityWorld()
        let token = try world.token(for: .alpha)
        var call = SignedCall(.alpha, token: token, world: &world)
        call.body = "{\"a\": \"unterminated"
        // Security passes (the raw body was hashed); the service then refuses the body.
        #expect(world.send(call.request).code == "4001100")
    }
}
