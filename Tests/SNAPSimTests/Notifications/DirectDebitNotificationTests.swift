import SimHTTP
import SimJSON
import Testing

@testable import SNAPSim

/// DANA's finish notify (56): the payer approves a host-to-host payment and the partner's webhook receives the
/// `dana` profile's notification, signed with the simulator's published key.
@Suite struct DirectDebitNotificationTests {
    static let admin = "notify-admin"

    @Test func payerApproval_SendsTheFinishNotify() throws {
        var harness = ProfileHarness(adminToken: Self.admin)
        let webhook = try WebhookReceiver()
        defer { webhook.server.shutdown() }
        harness.simulator.notifications.setEndpoints(NotificationEndpoints(defaultURL: webhook.url), partner: "snapsim-dana")
        let partner = try harness.partner("snapsim-dana")
        let created = harness.send(try harness.transaction(
            partner, path: "/rest/redirection/v1.0/debit/payment-host-to-host",
            body: #"{"partnerReferenceNo":"N-1","merchantId":"M-9","amount":{"value":"20000.00","currency":"IDR"},"validUpTo":"2026-11-21T19:00:00+07:00","additionalInfo":{"productCode":"P","mcc":"5732","envInfo":{"terminalType":"SYSTEM"}}}"#,
            timestamp: harness.timestamp(), channel: "95221"))
        #expect(created.code == "2005400", "\(created.text)")
        #expect(webhook.requests.isEmpty)  // waiting for the payer: nothing final yet

        let paid = harness.simulator.respond(to: HTTPRequest(
            method: .post, target: "/_sim/payer/direct-debit?partner=snapsim-dana&referenceNo=N-1",
            headers: ["Authorization": "Bearer \(Self.admin)"], body: Array(#"{"customerNumber":"6281977817902"}"#.utf8)))
        guard case .respond(let response) = paid.action else { Issue.record("no answer"); return }
        #expect(response.status.code == 200)

        #expect(eventually { webhook.requests.count == 1 })
        let request = webhook.requests[0]
        #expect(request.target == "/v1.0/debit/notify")
        let key = try #require(harness.simulator.fixtures.notifications.keys["snapsim-provider"])
        #expect(verifiesAsymmetric(request, publicKeyPEM: key.publicKeyPEM))
        let body = try JSONParser.parse(request.body)
        #expect(body[pointer: JSONPointer(tokens: ["originalPartnerReferenceNo"])] == "N-1")
        #expect(body[pointer: JSONPointer(tokens: ["latestTransactionStatus"])] == "00")
        #expect(body[pointer: JSONPointer(tokens: ["merchantId"])] == "M-9")
    }
}
