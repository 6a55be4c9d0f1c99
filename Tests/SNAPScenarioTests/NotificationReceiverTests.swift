import SNAPCrypto
import SNAPSim
import SimHTTP
import SimJSON
import Testing

@testable import SNAPScenario

/// The receiver's answers and the verifier's checks, without a simulator: each scheme accepts what is signed as the
/// profile says and refuses a changed body, another key or a token the receiver never issued.
@Suite struct NotificationReceiverTests {
    static let fixtures = LoadedFixtures.defaults
    static let timestamp = "2026-11-21T10:00:00+07:00"

    static func status(_ reply: HTTPReply) -> (Int, String) {
        guard case .respond(let response) = reply.action else { return (0, "") }
        return (response.status.code, String(decoding: response.body, as: UTF8.self))
    }

    static func notification(_ path: String, headers: HTTPHeaders, body: String) -> ReceivedNotification {
        ReceivedNotification(
            sequence: 1, request: HTTPRequest(method: .post, target: path, headers: headers, body: Array(body.utf8)),
            answeredStatus: 200)
    }

    @Test func receiver_AnswersAsScripted_ThenSuccessAgain() {
        let log = ReceiverLog(fixtures: Self.fixtures)
        let request = HTTPRequest(method: .post, target: "/v1.0/transfer/notify", headers: ["X-PARTNER-ID": "snapsim-demo"])
        log.state.withLock { $0.script = ReceiverAnswer(status: 500, times: 2) }
        #expect(Self.status(log.respond(to: request)).0 == 500)
        #expect(Self.status(log.respond(to: request)).0 == 500)
        #expect(Self.status(log.respond(to: request)) == (200, #"{"responseCode":"2000000","responseMessage":"Successful"}"#))
        log.state.withLock { $0.script = ReceiverAnswer(status: 200, body: .responseCode("4002500")) }
        #expect(Self.status(log.respond(to: request)).1.contains("4002500"))
        #expect(Self.status(log.respond(to: request)).1.contains("4002500"))  // no `times`: until changed
        #expect(log.state.withLock { $0.received.map(\.answeredStatus) } == [500, 500, 200, 200, 200])
    }

    @Test func receiver_IssuesTokens_AndAnswersSmilePayzInPlainText() {
        let log = ReceiverLog(fixtures: Self.fixtures)
        let token = Self.status(log.respond(to: HTTPRequest(method: .post, target: "/authorization/v1/access-token/b2b")))
        #expect(token.1.contains(#""accessToken":"SCENARIO-RECEIVER-TOKEN-1""#))
        #expect(log.state.withLock { $0.received.isEmpty })  // a token request is not a notification
        let callback = HTTPRequest(method: .post, target: "/callback", headers: ["X-PARTNER-ID": "sandbox-20011"])
        #expect(Self.status(log.respond(to: callback)) == (200, "SUCCESS"))
    }

    @Test func verifier_Asymmetric_AcceptsThePublishedKey_RefusesAChangedBody() throws {
        let key = try #require(Self.fixtures.notifications.keys["snapsim-provider"])
        let body = #"{"originalPartnerReferenceNo":"X","latestTransactionStatus":"00"}"#
        let text = StringToSign(method: "POST", target: "/v1.0/debit/notify", accessToken: nil, body: Array(body.utf8), timestamp: Self.timestamp).text
        let headers: HTTPHeaders = [
            "X-TIMESTAMP": Self.timestamp, "X-PARTNER-ID": "snapsim-dana",
            "X-SIGNATURE": Base64.encode(key.privateKey.signature(for: Array(text.utf8))),
        ]
        let verifier = NotificationVerifier(
            fixtures: Self.fixtures, keys: [("snapsim-provider", try RSA.PublicKey(pem: key.publicKeyPEM))], issuedTokens: [])
        let good = Self.notification("/v1.0/debit/notify", headers: headers, body: body)
        #expect(verifier.partner(of: good, fallback: "x") == "snapsim-dana")
        #expect(verifier.kind(of: good, partner: "snapsim-dana") == "direct-debit")
        #expect(verifier.verify(good, partner: "snapsim-dana").valid)
        let changed = Self.notification("/v1.0/debit/notify", headers: headers, body: body.replacing("00", with: "06"))
        #expect(!verifier.verify(changed, partner: "snapsim-dana").valid)
        let noKeys = NotificationVerifier(fixtures: Self.fixtures, keys: [], issuedTokens: [])
        #expect(!noKeys.verify(good, partner: "snapsim-dana").valid)
    }

    @Test func verifier_Symmetric_NeedsTheIssuedTokenAndThePartnersSecret() throws {
        let body = #"{"paymentRequestId":"P"}"#
        let path = "/v1.1/transfer-va/payment"
        let secret = try #require(Self.fixtures.partners["snapsim-doku"]?.clientSecret)
        func signed(token: String, secret: String) -> ReceivedNotification {
            let text = StringToSign(method: "POST", target: path, accessToken: token, body: Array(body.utf8), timestamp: Self.timestamp).text
            let mac = HMAC<SHA512>.authenticationCode(for: Array(text.utf8), using: Array(secret.utf8))
            return Self.notification(path, headers: [
                "X-TIMESTAMP": Self.timestamp, "X-PARTNER-ID": "snapsim-doku", "Authorization": "Bearer \(token)",
                "X-SIGNATURE": Base64.encode(mac),
            ], body: body)
        }
        let verifier = NotificationVerifier(fixtures: Self.fixtures, keys: [], issuedTokens: ["T-1"])
        #expect(verifier.verify(signed(token: "T-1", secret: secret), partner: "snapsim-doku").valid)
        #expect(!verifier.verify(signed(token: "T-2", secret: secret), partner: "snapsim-doku").valid)
        #expect(!verifier.verify(signed(token: "T-1", secret: "other"), partner: "snapsim-doku").valid)
    }

    @Test func verifier_Template_FillsClientIdTimestampAndBodyMembers() {
        let request = HTTPRequest(
            method: .post, target: "/callback", headers: ["X-CLIENT-KEY": "IONPAYTEST"],
            body: Array(#"{"tradeNo":"T9","amount":10000}"#.utf8))
        #expect(NotificationVerifier.fill("{clientId}|{timestamp}", request: request, timestamp: "TS") == "IONPAYTEST|TS")
        #expect(NotificationVerifier.fill("{body.tradeNo}|{body.amount}|{path}", request: request, timestamp: "TS") == "T9|10000|/callback")
    }
}
