import Foundation
import SimHTTP
import SimJSON
import Testing

@testable import SNAPSim

/// Every notification attempt is also a journal entry of its own (`direction: outbound`): what was sent, what the
/// webhook answered, latency and verdict; filterable, bounded like the rest, and inbound entries unchanged.
@Suite(.serialized) struct NotificationJournalTests {
    @Test func attempts_AreOutboundJournalEntries_FilterableByDirection() throws {
        let live = try LiveServer(ControlWorld())
        defer { live.server.shutdown() }
        let webhook = try WebhookReceiver(answers: [500])
        defer { webhook.server.shutdown() }
        _ = try live.admin(.put, "/_sim/notifications/endpoints?partner=partner-alpha", ["default": .string(webhook.url)])
        _ = try NotificationDeliveryTests.payVA(live, customerNo: "71000000000000000031", paymentRequestId: "PAY-J1")
        #expect(try eventually {
            try live.admin(.get, "/_sim/requests/count?partner=partner-alpha&direction=outbound")["/count"] == 1
        })
        live.world.clock.advance(by: .seconds(5))
        #expect(try eventually {
            try live.admin(.get, "/_sim/requests/count?partner=partner-alpha&direction=outbound")["/count"] == 2
        })

        let outbound = try live.admin(.get, "/_sim/requests?partner=partner-alpha&direction=outbound")
        let first = try #require(outbound["/requests/0"])
        #expect(first[pointer: "/direction"] == "outbound")
        #expect(first[pointer: "/kind"] == "notification-attempt")
        #expect(first[pointer: "/method"] == "POST")
        #expect(first[pointer: "/path"] == "/v1.0/transfer-va/notify-payment-intrabank")
        #expect(first[pointer: "/headers/X-SIGNATURE"]?.stringValue?.isEmpty == false)
        #expect(first[pointer: "/body"]?.stringValue?.contains("\"paymentRequestId\":\"PAY-J1\"") == true)
        #expect(first[pointer: "/response/status"] == 500)
        #expect(first[pointer: "/verdict/result"] == "rejected")
        #expect(first[pointer: "/verdict/detail"] == "rejected: HTTP 500")
        #expect(first[pointer: "/notification/deliveryId"] == "partner-alpha/NTF-1")
        #expect(first[pointer: "/notification/kind"] == "va-payment")
        #expect(first[pointer: "/notification/attempt"] == 1)
        #expect(first[pointer: "/notification/latencyMs"]?.intValue != nil)
        let second = try #require(outbound["/requests/1"])
        #expect(second[pointer: "/verdict/result"] == "delivered")
        #expect(second[pointer: "/response/responseCode"] == "2002500")
        #expect(second[pointer: "/notification/attempt"] == 2)
        #expect(second[pointer: "/receivedAt"] == .string((ControlWorld.start + .seconds(5)).description))

        // Inbound entries keep their shape (no new members) and the filter separates the two.
        let inbound = try live.admin(.get, "/_sim/requests?partner=partner-alpha&direction=inbound")
        let requests = inbound["/requests"]?.arrayValue ?? []
        #expect(!requests.isEmpty)
        #expect(requests.allSatisfy { $0[pointer: "/direction"] == nil && $0[pointer: "/notification"] == nil })
        let all = try live.admin(.get, "/_sim/requests/count?partner=partner-alpha")["/count"]?.intValue ?? 0
        #expect(all == requests.count + 2)
        #expect(try live.admin(.get, "/_sim/requests?direction=sideways").status == 400)
    }

    @Test func outboundEntries_AreBoundedByThePartnersRing() {
        var journal = Journal(capacityPerPartner: 3)
        let event = NotificationEvent(
            id: "NTF-1", partner: "p", kind: .transfer, transactionRef: "T", fields: [:], occurredAt: SimTime(millisecondsSince1970: 0))
        let delivery = NotificationDelivery(
            id: "p/NTF-1", event: event, profile: "snap", url: "http://127.0.0.1:1/x", path: "/x", body: [], state: .delivered)
        for number in 1...5 {
            let attempt = NotificationAttempt(
                number: number, at: SimTime(millisecondsSince1970: 0), requestHeaders: [:], status: nil, responseBody: "",
                latencyMilliseconds: 0, verdict: "unreachable: refused", succeeded: false)
            journal.record(ring: "p", JournalEntry(delivery, attempt: attempt))
        }
        let kept = journal.entries(matching: JournalFilter(partner: "p"))
        #expect(kept.count == 3)
        #expect(kept.map { $0.notification?["attempt"] } == [3, 4, 5])
        #expect(kept.allSatisfy { $0.direction == .outbound && $0.status == 0 && $0.verdict?["result"] == "unreachable" })
    }
}
