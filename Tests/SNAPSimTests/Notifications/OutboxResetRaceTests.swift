import SimHTTP
import Testing

@testable import SNAPSim

/// A partner reset while one of its notifications is on the wire: the partner's next notification reuses the id
/// (`NTF-1` again, its state starts over), and the late outcome of the forgotten attempt must not land on it.
/// Seen as `snapsim run --target`'s next scenario never receiving its notification (it was rescheduled as a retry
/// on a frozen clock).
@Suite struct OutboxResetRaceTests {
    static let start = SimTime(millisecondsSince1970: 1_795_230_000_000)

    static func delivery(_ partner: String, _ id: String, at time: SimTime) -> NotificationDelivery {
        let event = NotificationEvent(
            id: id, partner: partner, kind: .payout, transactionRef: "PO-1", fields: [:], occurredAt: time)
        return NotificationDelivery(
            id: partner + "/" + id, event: event, profile: "nicepay", url: "http://127.0.0.1:9/notify",
            path: "/notify", body: [], state: .scheduled(at: time))
    }

    static func refused(at time: SimTime) -> AttemptOutcome {
        AttemptOutcome(
            attempt: NotificationAttempt(
                number: 1, at: time, requestHeaders: [:], status: nil, responseBody: "", latencyMilliseconds: 0,
                verdict: "unreachable: connection refused", succeeded: false))
    }

    @Test func lateOutcome_OfAForgottenDelivery_LeavesTheNewDeliveryWithItsIdAlone() throws {
        var state = OutboxState()
        state.insert(Self.delivery("IONPAYTEST", "NTF-1", at: Self.start), capacity: 10, logLimit: 10)
        let taken = state.takeDue(at: Self.start)
        let stale = try #require(taken)
        #expect(stale.delivery.state == .sending)

        // The partner is reset while that attempt is on the wire; its next event is NTF-1 again.
        state.reset(partner: "IONPAYTEST")
        state.insert(Self.delivery("IONPAYTEST", "NTF-1", at: Self.start), capacity: 10, logLimit: 10)
        // One attempt per partner on the wire: the new one waits for the stale attempt to finish.
        let blocked = state.takeDue(at: Self.start)
        #expect(blocked == nil)

        state.record(Self.refused(at: Self.start), for: stale, at: Self.start)
        let fresh = try #require(state.deliveries["IONPAYTEST/NTF-1"])
        #expect(fresh.attempts.isEmpty)
        #expect(fresh.state == .scheduled(at: Self.start))
        // And it goes out now, not at a retry instant a frozen clock may never reach.
        let due = state.takeDue(at: Self.start)
        let next = try #require(due)
        #expect(next.delivery.sequence == fresh.sequence)
        #expect(state.queue.isEmpty)
    }
}
