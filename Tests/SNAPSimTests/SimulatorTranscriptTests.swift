import Foundation
import SNAPCrypto
import SimHTTP
import Testing

@testable import SNAPSim
import SimJSON

/// The whole simulator, security included: same fixtures, seed, start clock and requests → the same bytes
/// (status, headers, body, delay), in two runs and against a committed golden file.
@Suite struct SimulatorTranscriptTests {
    static let goldenPath: String = {
        var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast()
        return components.joined(separator: "/") + "/Golden/simulator-transcript.txt"
    }()

    /// Signs as a partner of the default fixtures would, with SNAPCrypto only (independent of the simulator's
    /// own string-to-sign code).
    struct Partner {
        let fixture: SNAPSim.Partner
        let key: RSA.PrivateKey

        init(_ clientId: String) throws {
            fixture = try #require(LoadedFixtures.defaults.partners[clientId])
            key = try RSA.PrivateKey(pem: try #require(fixture.privateKey))
        }

        func tokenRequest(at timestamp: String) -> HTTPRequest {
            let signature = Base64.encode(key.signature(for: Array("\(fixture.clientId)|\(timestamp)".utf8)))
            return HTTPRequest(
                method: .post, target: "/v1.0/access-token/b2b",
                headers: ["Content-Type": "application/json", "X-TIMESTAMP": timestamp, "X-CLIENT-KEY": fixture.clientId, "X-SIGNATURE": signature],
                body: Array(#"{"grantType":"client_credentials"}"#.utf8))
        }

        func transaction(_ method: HTTPMethod, _ target: String, body: String, token: String?, at timestamp: String, externalID: String) -> HTTPRequest {
            let bytes = Array(body.utf8)
            let hash = Hex.encode(SHA256.hash(data: bytes))
            let signature: [UInt8]
            switch fixture.signing {
            case .symmetric:
                let text = "\(method.rawValue):\(target):\(token ?? ""):\(hash):\(timestamp)"
                signature = HMAC<SHA512>.authenticationCode(for: Array(text.utf8), using: Array(fixture.clientSecret.utf8))
            case .asymmetric:
                signature = key.signature(for: Array("\(method.rawValue):\(target):\(hash):\(timestamp)".utf8))
            }
            var headers: HTTPHeaders = [
                "Content-Type": "application/json", "X-TIMESTAMP": timestamp, "X-SIGNATURE": Base64.encode(signature),
                "X-PARTNER-ID": fixture.clientId, "X-EXTERNAL-ID": externalID, "CHANNEL-ID": fixture.channelId ?? "95221",
            ]
            if let token { headers["Authorization"] = "Bearer " + token }
            return HTTPRequest(method: method, target: target, headers: headers, body: bytes)
        }
    }

    static func transcript(seed: UInt64) throws -> String {
        let clock = SimulatorClock.fixed(at: ISO8601Timestamp("2026-11-30T23:59:00+07:00")!.time)
        let simulator = Simulator(fixtures: .defaults, options: SimulatorOptions(seed: seed, clock: clock))
        let demo = try Partner("snapsim-demo")
        let rsa = try Partner("snapsim-demo-rsa")
        let other = try Partner("snapsim-demo-2")
        let balanceOnly = try Partner("snapsim-balance-only")
        var lines: [String] = []
        var externalID = 0
        func now() -> String { ISO8601Timestamp.format(clock.now(), offsetMinutes: CivilDate.jakartaOffsetMinutes) }
        func send(_ title: String, _ request: HTTPRequest) -> JSONValue {
            let reply = simulator.respond(to: request)
            lines.append("# \(title): \(request.method.rawValue) \(request.target)")
            lines.append("delay \(reply.delay.wholeMilliseconds) ms")
            guard case .respond(let response) = reply.action else {
                lines.append("(no response)")
                return .null
            }
            lines.append("HTTP \(response.status.code)")
            for header in response.headers { lines.append("\(header.name): \(header.value)") }
            lines.append(String(decoding: response.body, as: UTF8.self))
            clock.advance(by: .seconds(20))
            return (try? JSONParser.parse(response.body)) ?? .null
        }
        func call(_ title: String, _ partner: Partner, _ target: String, _ body: String, token: String?, method: HTTPMethod = .post) {
            externalID += 1
            _ = send(title, partner.transaction(method, target, body: body, token: token, at: now(), externalID: "2026113000\(externalID)"))
        }

        let token = send("token", demo.tokenRequest(at: now())).objectValue?["accessToken"]?.stringValue
        let otherToken = send("token, second partner", other.tokenRequest(at: now())).objectValue?["accessToken"]?.stringValue
        let balanceOnlyToken = send("token, partner without e-money", balanceOnly.tokenRequest(at: now())).objectValue?["accessToken"]?.stringValue
        let inquiry = #"{"partnerReferenceNo":"78912343452347893","customerNumber":"081977817902","amount":{"value":"10000.00","currency":"IDR"},"transactionDate":"2026-11-30T23:59:00+07:00"}"#
        let topUp = #"{"partnerReferenceNo":"TOPUP-E2E-1","customerNumber":"081977817902","amount":{"value":"850000.00","currency":"IDR"},"transactionDate":"2026-11-30T23:59:00+07:00"}"#
        call("account inquiry", demo, "/v1.0/emoney/account-inquiry", inquiry, token: token)
        call("top-up", demo, "/v1.0/emoney/topup", topUp, token: token)
        call("top-up retried", demo, "/v1.0/emoney/topup", topUp, token: token)
        call("top-up status", demo, "/v1.0/emoney/topup-status", #"{"originalPartnerReferenceNo":"TOPUP-E2E-1","serviceCode":"38"}"#, token: token)
        call("limit check (after midnight: December)", demo, "/b2b/customer/balance/limit?accountId=081977817902", "", token: token, method: .get)
        call("account inquiry, second partner (its own ledger)", other, "/v1.0/emoney/account-inquiry", inquiry, token: otherToken)
        call("account inquiry, asymmetric partner without token", rsa, "/v1.0/emoney/account-inquiry", inquiry, token: nil)
        call("balance inquiry, seed 003", demo, "/v1.0/balance-inquiry", #"{"partnerReferenceNo":"2020102900000000000001","accountNo":"IONPAYTEST","additionalInfo":{"msId":"IONPAYMS01"}}"#, token: token)
        call("e-money not allowed", balanceOnly, "/v1.0/emoney/account-inquiry", inquiry, token: balanceOnlyToken)
        call("magic timeout", demo, "/v1.0/emoney/account-inquiry", inquiry.replacingOccurrences(of: "081977817902", with: "081200005043700"), token: token)
        call("another partner's token", demo, "/v1.0/balance-inquiry", #"{"accountNo":"12345678"}"#, token: otherToken)
        _ = send("unknown path", HTTPRequest(method: .post, target: "/v1.0/qr/qr-cpm-generate"))
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func transcript_IsIdenticalAcrossRuns() throws {
        #expect(try Self.transcript(seed: 7) == Self.transcript(seed: 7))
    }

    @Test func transcript_CoversTheExpectedCodes() throws {
        let transcript = try Self.transcript(seed: 7)
        for code in ["2007300", "2003700", "2003800", "2003900", "2001100", "4033701", "5043700", "4011101"] {
            #expect(transcript.contains(#""responseCode":"\#(code)""#), "missing \(code)")
        }
        #expect(transcript.contains(#""sisaTopup":1000000.00"#))
        #expect(transcript.contains("delay 3000 ms"))
    }

    /// Set `SNAPSIM_RECORD_GOLDEN=1` to rewrite the golden file after an intended change.
    @Test func transcript_MatchesTheGoldenFile() throws {
        let transcript = try Self.transcript(seed: 7)
        if ProcessInfo.processInfo.environment["SNAPSIM_RECORD_GOLDEN"] == "1"
            || !FileManager.default.fileExists(atPath: Self.goldenPath)
        {
            try transcript.write(toFile: Self.goldenPath, atomically: true, encoding: .utf8)
            Issue.record("recorded \(Self.goldenPath); review and commit it, then run again")
            return
        }
        #expect(transcript == (try String(contentsOfFile: Self.goldenPath, encoding: .utf8)))
    }
}
