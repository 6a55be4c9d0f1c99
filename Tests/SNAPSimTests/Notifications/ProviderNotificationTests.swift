import SNAPCrypto
import SimHTTP
import SimJSON
import Testing

@testable import SNAPSim

/// Issues 19 and 21 through the outbox: NICEPAY payout notices and SmilePayz callbacks reach a real loopback
/// webhook, signed over the provider's template with the published key, and are retried when not acknowledged.
@Suite struct ProviderNotificationTests {
    /// Verifies `X-SIGNATURE` over `first|X-TIMESTAMP` with `publicKeyPEM`.
    static func verifies(_ request: HTTPRequest, first: String, publicKeyPEM: String) -> Bool {
        guard let key = try? RSA.PublicKey(pem: publicKeyPEM), let timestamp = request.headers["X-TIMESTAMP"],
            let signature = request.headers["X-SIGNATURE"].flatMap(Base64.decode)
        else { return false }
        return key.isValidSignature(signature, for: Array((first + "|" + timestamp).utf8))
    }

    @Test func payoutSuccess_IsDeliveredSignedWithTheNicepayKey_AndRetried() throws {
        let harness = ProfileHarness(adminToken: "payout-admin")
        let simulator = harness.simulator
        let webhook = try WebhookReceiver(answers: [500])
        defer { webhook.server.shutdown() }
        simulator.notifications.reset(partner: "IONPAYTEST")
        simulator.notifications.setEndpoints(NotificationEndpoints(defaultURL: webhook.url), partner: "IONPAYTEST")
        let approved = simulator.withPartner("IONPAYTEST") { state, fixtures in
            state.payouts.register(NicepayPayoutTests.payout("TX-N1", plan: .success))
            return state.payouts.approve(
                "TX-N1", at: ProfileHarness.start, ledger: &state.ledger, merchants: fixtures.payouts.merchants)
        }
        #expect(approved)
        simulator.sendNotifications(of: "IONPAYTEST")

        #expect(eventually { simulator.notifications.deliveries(partner: "IONPAYTEST").first?.attempts.count == 1 })
        #expect(webhook.requests.count == 1)  // HTTP 500: waits for the retry on the simulator clock
        harness.clock.advance(by: .seconds(5))
        #expect(eventually { webhook.requests.count == 2 })
        #expect(eventually { simulator.notifications.deliveries(partner: "IONPAYTEST").first?.attempts.last?.succeeded == true })

        let request = webhook.requests[1]
        #expect(request.target == "/api/v1.0/transfer/notify")
        #expect(request.headers["X-CLIENT-KEY"] == "IONPAYTEST")
        let publicKey = try #require(simulator.fixtures.payouts.merchants["IONPAYTEST"]?.notificationPublicKey)
        #expect(Self.verifies(request, first: "IONPAYTEST", publicKeyPEM: publicKey))
        let published = try #require(simulator.fixtures.notifications.keys["nicepay:IONPAYTEST"])
        #expect(Self.verifies(request, first: "IONPAYTEST", publicKeyPEM: published.publicKeyPEM))
        #expect(!Self.verifies(request, first: "OTHER", publicKeyPEM: publicKey))
        let body = try JSONParser.parse(request.body)
        #expect(body[pointer: JSONPointer(tokens: ["originalReferenceNo"])] == "TX-N1")
        #expect(body[pointer: JSONPointer(tokens: ["latestTransactionStatus"])] == "00")
    }

    @Test func smilePayzCallback_GoesToTheCallbackUrl_AndIsRetriedUntilSUCCESS() throws {
        let api = SmilePayzTests(adminToken: "smilepayz-admin")
        let simulator = api.harness.simulator
        let webhook = try WebhookReceiver(answers: [200, 200], successText: "SUCCESS")
        defer { webhook.server.shutdown() }
        // The first two 200s answer SNAP JSON, not the plain text SUCCESS: both are failed deliveries.
        let merchant = SmilePayzTests.merchant
        simulator.notifications.reset(partner: merchant)
        let created = try api.send("/v2.0/transaction/pay-in", SmilePayzTests.payIn(
            "S20011NTF0001", method: "BCA", extra: #","callbackUrl":"\#(webhook.url)/smilepayz/notify""#))
        let tradeNo = try #require(created.body["tradeNo"]?.stringValue)
        let settled = simulator.respond(to: HTTPRequest(
            method: .post, target: "/_sim/payer/smilepayz?partner=\(merchant)",
            headers: ["Content-Type": "application/json", "Authorization": "Bearer smilepayz-admin"],
            body: Array(#"{"tradeNo":"\#(tradeNo)","outcome":"success"}"#.utf8)))
        guard case .respond(let response) = settled.action else { Issue.record("no answer"); return }
        #expect(response.status.code == 200)

        #expect(eventually { simulator.notifications.deliveries(partner: merchant).first?.attempts.count == 1 })
        api.harness.clock.advance(by: .seconds(5))
        #expect(eventually { simulator.notifications.deliveries(partner: merchant).first?.attempts.count == 2 })
        api.harness.clock.advance(by: .seconds(10))
        #expect(eventually { simulator.notifications.deliveries(partner: merchant).first?.attempts.last?.succeeded == true })
        let delivery = try #require(simulator.notifications.deliveries(partner: merchant).first)
        #expect(delivery.attempts.count == 3)
        #expect(delivery.attempts[0].verdict.contains("SUCCESS"))
        #expect(webhook.requests.count == 3)

        let request = webhook.requests[2]
        #expect(request.target == "/smilepayz/notify")
        #expect(Self.verifies(request, first: tradeNo, publicKeyPEM: SmilePayzPlatformKey.publicKeyPEM))
        #expect(!Self.verifies(request, first: tradeNo + "X", publicKeyPEM: SmilePayzPlatformKey.publicKeyPEM))
        let body = try JSONParser.parse(request.body)
        #expect(body[pointer: JSONPointer(tokens: ["tradeNo"])] == .string(tradeNo))
        #expect(body[pointer: JSONPointer(tokens: ["status"])] == "SUCCESS")
    }
}
