import Foundation
import Glibc
import SimHTTP
import SimJSON
import Testing

@testable import SNAPSim

/// Delivery never blocks: a partner whose endpoint accepts and never answers costs other partners nothing, and
/// a full queue is recorded, not waited on.
@Suite struct NotificationIsolationTests {
    /// A listening socket that never accepts: connections complete in the backlog and nothing is ever answered.
    final class SilentListener: Sendable {
        let fd: Int32
        let port: Int

        init() throws {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            self.fd = fd
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
            }
            guard bound == 0, listen(fd, 16) == 0 else { throw ControlTestError("cannot listen") }
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            port = Int(UInt16(bigEndian: address.sin_port))
        }

        deinit { close(fd) }
    }

    @Test func hangingEndpoint_DoesNotDelayAnotherPartner() throws {
        let live = try LiveServer(ControlWorld())
        defer { live.server.shutdown() }
        let silent = try SilentListener()
        let webhook = try WebhookReceiver()
        defer { webhook.server.shutdown() }
        _ = try live.admin(.put, "/_sim/notifications/endpoints?partner=partner-alpha", ["default": .string("http://127.0.0.1:\(silent.port)")])
        _ = try live.admin(.put, "/_sim/notifications/endpoints?partner=partner-beta", ["default": .string(webhook.url)])
        for partner in ["partner-alpha", "partner-alpha", "partner-beta"] {
            let sent = try live.admin(.post, "/_sim/notifications?partner=\(partner)", ["kind": "transfer", "transactionRef": "TX-H"])
            #expect(sent.status == 202)
        }
        #expect(eventually { webhook.requests.count == 1 })
        let alpha = live.world.simulator.notifications.deliveries(partner: "partner-alpha")
        // Alpha's first delivery is still waiting for its answer, its second waits behind it; beta got through.
        #expect(alpha.map(\.state.name) == ["sending", "scheduled"])
        // The webhook has the request before the outbox records the answer: poll for the record.
        #expect(eventually {
            live.world.simulator.notifications.deliveries(partner: "partner-beta").map(\.state.name) == ["delivered"]
        })
    }

    @Test func fullQueue_RecordsTheNotificationAsNotSent() {
        let clock = SimulatorClock.fixed(at: ControlWorld.start)
        let outbox = NotificationOutbox(clock: clock, capacity: 1)
        defer { outbox.stop() }
        outbox.setEndpoints(NotificationEndpoints(defaultURL: "http://127.0.0.1:9"), partner: "partner-alpha")
        var drafts = NotificationDrafts()
        drafts.adHoc(.transfer, transactionRef: "Q-1", fields: [:], at: ControlWorld.start)
        drafts.adHoc(.transfer, transactionRef: "Q-2", fields: [:], at: ControlWorld.start)
        outbox.enqueue(drafts.take(partner: "partner-alpha"), fixtures: ControlWorld.fixtures)
        let second = outbox.delivery("partner-alpha/NTF-2")
        #expect(second?.state.name == "not-sent")
        if case .notSent(let reason) = second?.state {
            #expect(reason.contains("queue is full (1 deliveries waiting)"))
        }
    }
}
