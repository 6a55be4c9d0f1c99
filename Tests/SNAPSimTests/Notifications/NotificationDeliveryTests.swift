import Foundation
import SimHTTP
import SimJSON
import Testing

@testable import SNAPSim

/// Notifications over real sockets: the simulated payer pays a VA and the partner's webhook receives the
/// profile's notification, signed with the key `GET /_sim/keys` publishes; retries wait for the simulator clock;
/// forced faults reach the webhook as a partner would see them.
@Suite(.serialized) struct NotificationDeliveryTests {
    static let prefix = "  088899"
    static let notifyPath = "/v1.0/transfer-va/notify-payment-intrabank"

    /// Creates a VA for partner-alpha and pays `amount` of it through the payer.
    static func payVA(_ live: LiveServer, customerNo: String, paymentRequestId: String) throws -> AdminAnswer {
        let client = try live.connect()
        let token = try client.token(live.world, .alpha)
        let created = try client.call(live.world.transaction(.alpha, token: token, "/v1.0/transfer-va/create-va", [
            "partnerServiceId": .string(prefix), "customerNo": .string(customerNo),
            "virtualAccountNo": .string(prefix + customerNo), "virtualAccountName": "Notify Test",
            "trxId": .string("INV-" + paymentRequestId), "totalAmount": ["value": "150000.00", "currency": "IDR"],
            "virtualAccountTrxType": "C",
        ]))
        #expect(created.code == "2002700", "\(created.text)")
        return try live.admin(.post, "/_sim/payer/va?partner=partner-alpha", [
            "virtualAccountNo": .string(prefix + customerNo), "amount": "150000.00",
            "paymentRequestId": .string(paymentRequestId),
        ])
    }

    static func publicKey(_ live: LiveServer) throws -> String {
        let keys = try live.admin(.get, "/_sim/keys")
        // Several keys are published (nicepay:<iMid>, smilepayz-platform); SNAP profiles sign with snapsim-provider.
        let all = keys["/keys"]?.arrayValue ?? []
        let provider = all.first { $0.objectValue?["name"]?.stringValue == "snapsim-provider" }
        return try #require(provider?.objectValue?["publicKey"]?.stringValue)
    }

    static func deliveries(_ live: LiveServer) throws -> [JSONValue] {
        try live.admin(.get, "/_sim/notifications?partner=partner-alpha")["/deliveries"]?.arrayValue ?? []
    }

    @Test func vaPaid_ReachesTheWebhook_SignedWithThePublishedKey() throws {
        let live = try LiveServer(ControlWorld())
        defer { live.server.shutdown() }
        let webhook = try WebhookReceiver()
        defer { webhook.server.shutdown() }
        let set = try live.admin(.put, "/_sim/notifications/endpoints?partner=partner-alpha", ["default": .string(webhook.url)])
        #expect(set.status == 200)

        let paid = try Self.payVA(live, customerNo: "71000000000000000001", paymentRequestId: "PAY-N1")
        #expect(paid.status == 201)
        #expect(eventually { webhook.requests.count == 1 })
        let request = webhook.requests[0]
        #expect(request.target == Self.notifyPath)
        #expect(verifiesAsymmetric(request, publicKeyPEM: try Self.publicKey(live)))
        #expect(request.headers["X-PARTNER-ID"] == "partner-alpha")
        #expect(request.headers["X-TIMESTAMP"] == live.world.now)
        let body = try JSONParser.parse(request.body)
        #expect(body[pointer: JSONPointer(tokens: ["paymentRequestId"])] == "PAY-N1")
        #expect(body[pointer: JSONPointer(tokens: ["paidAmount", "value"])] == "150000.00")
        #expect(body[pointer: JSONPointer(tokens: ["paymentFlagStatus"])] == "00")
        #expect(try eventually { try Self.deliveries(live).first?[pointer: JSONPointer(tokens: ["state"])] == "delivered" })
        let delivery = try #require(try Self.deliveries(live).first)
        #expect(delivery[pointer: JSONPointer(tokens: ["attempts", "0", "status"])] == 200)
        #expect(delivery[pointer: JSONPointer(tokens: ["attempts", "0", "verdict"])] == "delivered (2002500)")
    }

    @Test func failedAttempt_RetriesOnlyWhenTheFrozenClockReachesTheSchedule() throws {
        let live = try LiveServer(ControlWorld())
        defer { live.server.shutdown() }
        let webhook = try WebhookReceiver(answers: [500])
        defer { webhook.server.shutdown() }
        _ = try live.admin(.put, "/_sim/notifications/endpoints?partner=partner-alpha", ["default": .string(webhook.url)])
        _ = try Self.payVA(live, customerNo: "71000000000000000002", paymentRequestId: "PAY-N2")
        // Scheduled again after the failed first attempt (not still waiting for the first one).
        #expect(try eventually {
            let first = try Self.deliveries(live).first
            return first?[pointer: JSONPointer(tokens: ["state"])] == "scheduled"
                && first?[pointer: JSONPointer(tokens: ["attempts"])]?.arrayValue?.count == 1
        })
        let scheduled = try #require(try Self.deliveries(live).first)
        let expectedRetry = (ControlWorld.start + .seconds(5)).description
        #expect(scheduled[pointer: JSONPointer(tokens: ["nextAttemptAt"])] == .string(expectedRetry))
        #expect(webhook.requests.count == 1)

        live.world.clock.advance(by: .seconds(5))
        #expect(try eventually { try Self.deliveries(live).first?[pointer: JSONPointer(tokens: ["state"])] == "delivered" })
        #expect(webhook.requests.count == 2)
        #expect(webhook.requests[1].headers["X-EXTERNAL-ID"] != webhook.requests[0].headers["X-EXTERNAL-ID"])
    }

    @Test func faults_BadSignatureOutOfOrderDroppedWrongPath_AsTheWebhookSeesThem() throws {
        let live = try LiveServer(ControlWorld())
        defer { live.server.shutdown() }
        let webhook = try WebhookReceiver()
        defer { webhook.server.shutdown() }
        _ = try live.admin(.put, "/_sim/notifications/endpoints?partner=partner-alpha", ["default": .string(webhook.url)])
        let key = try Self.publicKey(live)
        for fault in ["bad-signature", "out-of-order", "dropped", "wrong-path"] {
            let forced = try live.admin(.post, "/_sim/notifications/faults?partner=partner-alpha", ["fault": .string(fault)])
            #expect(forced.status == 200)
        }
        for (index, reference) in ["TX-1", "TX-2", "TX-3", "TX-4"].enumerated() {
            let sent = try live.admin(.post, "/_sim/notifications?partner=partner-alpha", [
                "kind": "transfer", "transactionRef": .string(reference), "fields": ["amount": ["value": "1000.00", "currency": "IDR"]],
            ])
            #expect(sent.status == 202, "\(index)")
        }
        // TX-1 bad signature, TX-2 then its late pending copy, TX-3 dropped, TX-4 on a wrong path.
        #expect(eventually { webhook.requests.count == 4 })
        let requests = webhook.requests
        #expect(requests[0].target == "/v1.0/transfer/notify")
        #expect(!verifiesAsymmetric(requests[0], publicKeyPEM: key))
        #expect(verifiesAsymmetric(requests[1], publicKeyPEM: key))
        let status = JSONPointer(tokens: ["latestTransactionStatus"])
        #expect(try JSONParser.parse(requests[1].body)[pointer: status] == "00")
        #expect(try JSONParser.parse(requests[2].body)[pointer: status] == "03")
        #expect(verifiesAsymmetric(requests[2], publicKeyPEM: key))
        #expect(requests[3].target == "/v1.0/transfer/notify/wrong-path")
        #expect(verifiesAsymmetric(requests[3], publicKeyPEM: key))
        let dropped = try Self.deliveries(live).first { $0[pointer: JSONPointer(tokens: ["transactionRef"])] == "TX-3" }
        #expect(dropped?[pointer: JSONPointer(tokens: ["state"])] == "not-sent")
    }

    @Test func redeliver_SendsTheSameBodyAgainAsANewDelivery() throws {
        let live = try LiveServer(ControlWorld())
        defer { live.server.shutdown() }
        let webhook = try WebhookReceiver()
        defer { webhook.server.shutdown() }
        _ = try live.admin(.put, "/_sim/notifications/endpoints?partner=partner-alpha", ["default": .string(webhook.url)])
        _ = try live.admin(.post, "/_sim/notifications?partner=partner-alpha", ["kind": "transfer", "transactionRef": "TX-R"])
        #expect(eventually { webhook.requests.count == 1 })
        let again = try live.admin(.post, "/_sim/notifications/partner-alpha%2FNTF-1/redeliver")
        #expect(again.status == 202)
        #expect(again["/id"] == "partner-alpha/NTF-1-r1")
        #expect(eventually { webhook.requests.count == 2 })
        #expect(webhook.requests[0].body == webhook.requests[1].body)
    }

    @Test func noEndpoint_IsJournaledAsNotSent() throws {
        let live = try LiveServer(ControlWorld())
        defer { live.server.shutdown() }
        _ = try live.admin(.post, "/_sim/notifications?partner=partner-alpha", ["kind": "transfer", "transactionRef": "TX-0"])
        let delivery = try #require(try Self.deliveries(live).first)
        #expect(delivery[pointer: JSONPointer(tokens: ["state"])] == "not-sent")
        #expect(delivery[pointer: JSONPointer(tokens: ["reason"])]?.stringValue?.contains("no endpoint") == true)
    }
}
