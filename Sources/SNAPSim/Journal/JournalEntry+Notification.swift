import SimHTTP
import SimJSON

/// Which way a journal entry went.
public enum JournalDirection: String, Sendable, Hashable, CaseIterable, Codable {
    /// A request a partner sent to the simulator, and its answer.
    case inbound
    /// A notification attempt the simulator sent to a partner's webhook, and the webhook's answer.
    case outbound
}

extension JournalEntry {
    /// The entry of one notification attempt: what was posted (headers, body), what the webhook answered, how long it
    /// took and the verdict. Built outside every lock; the journal numbers it when it records it.
    init(_ delivery: NotificationDelivery, attempt: NotificationAttempt) {
        let code = (try? JSONParser.parse(Array(attempt.responseBody.utf8)))?.objectValue?["responseCode"]?.stringValue
        let result = attempt.succeeded ? "delivered" : attempt.status == nil ? "unreachable" : "rejected"
        self.init(
            sequence: 0, receivedAt: attempt.at, partner: delivery.event.partner, method: "POST",
            target: delivery.path.clipped(to: 2048),
            headers: attempt.requestHeaders.map { ($0.name, $0.value.clipped(to: 4096)) },
            body: JournalEntry.text(delivery.body), service: nil, status: attempt.status ?? 0, responseCode: code,
            responseBody: JournalEntry.text(Array(attempt.responseBody.utf8)),
            verdict: ["result": .string(result), "detail": .string(attempt.verdict)], explanation: nil,
            matchedRule: nil, fault: nil)
        direction = .outbound
        notification = [
            "deliveryId": .string(delivery.id), "kind": .string(delivery.event.kind.rawValue), "url": .string(delivery.url),
            "attempt": .int(attempt.number), "latencyMs": .int(attempt.latencyMilliseconds),
            "fault": delivery.fault.map { .string($0.rawValue) } ?? .null,
        ]
    }
}

extension Simulator {
    /// Journals a notification attempt in its partner's ring, bounded like every other entry.
    func journalAttempt(_ delivery: NotificationDelivery, _ attempt: NotificationAttempt) {
        record(JournalEntry(delivery, attempt: attempt), slots.world)
    }
}
