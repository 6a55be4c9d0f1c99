import SimHTTP
import SimJSON
import Testing

@testable import SNAPSim

/// Clock-driven steps (Engine/Clock): moving the simulator clock alone runs what fell due — a scheduled payout, a
/// suspect's late answer — and delivers its notification, with no further request of the partner.
@Suite struct ClockDrivenStepTests {
    @Test func scheduledPayout_RunsWhenTheClockIsAdvanced_AndItsNotificationIsDelivered() throws {
        let world = try ClockWorld()
        defer { world.shutdown() }
        let reservedAt = ProfileHarness.start + .seconds(1800)
        #expect(world.approvePayout("TX-S1", plan: .success, reservedAt: reservedAt))
        #expect(world.payoutStatus("TX-S1") == .pending)

        world.clock.advance(by: .seconds(1799))
        #expect(world.payoutStatus("TX-S1") == .pending)
        #expect(world.simulator.notifications.deliveries(partner: "IONPAYTEST").isEmpty)

        world.clock.advance(by: .seconds(1))  // reaches reservedAt: no partner request follows
        #expect(world.payoutStatus("TX-S1") == .success)
        #expect(eventually { world.webhook.requests.count == 1 })
        let body = try #require(world.received.first)
        #expect(body.text(at: "/originalReferenceNo") == "TX-S1")
        #expect(body.text(at: "/latestTransactionStatus") == "00")
        #expect(body.text(at: "/transactionDate") == reservedAt.description)
        #expect(world.webhook.requests.first?.headers["X-CLIENT-KEY"] == "IONPAYTEST")
        let ledger = try #require(world.simulator.partnerState("IONPAYTEST")?.ledger)
        #expect(ledger.payoutBalance("IONPAYTEST")?.value == "24487500.00")
    }

    @Test func suspectPayout_ResolvesWhenTheAdminAPIMovesTheClock() throws {
        let world = try ClockWorld()
        defer { world.shutdown() }
        #expect(world.approvePayout("TX-08", plan: .suspect))
        #expect(world.payoutStatus("TX-08") == .suspect)

        let moved = world.admin(.post, "/_sim/clock", #"{"advance": "600s"}"#)
        #expect(moved.status == 200)
        // The admin call returns once the step ran: the status is final before any poll.
        #expect(world.payoutStatus("TX-08") == .success)
        #expect(eventually { world.webhook.requests.count == 1 })
        #expect(world.received.first?.text(at: "/latestTransactionStatus") == "00")
        #expect(world.received.first?.text(at: "/transactionDate") == (ProfileHarness.start + .seconds(600)).description)
    }

    @Test func stepsRunAtTheirOwnInstants_InTimeOrder_WhenOneMoveCoversSeveral() throws {
        let world = try ClockWorld()
        defer { world.shutdown() }
        // B is scheduled later than A but registered first; A's bank then takes 600 s more (suspect).
        #expect(world.approvePayout("TX-B", plan: .success, reservedAt: ProfileHarness.start + .seconds(900)))
        #expect(world.approvePayout("TX-A", plan: .suspect, reservedAt: ProfileHarness.start + .seconds(600)))

        world.admin(.post, "/_sim/clock", #"{"set": "2026-11-22T00:00:00+07:00"}"#)
        #expect(world.payoutStatus("TX-A") == .success)
        #expect(world.payoutStatus("TX-B") == .success)
        #expect(eventually { world.webhook.requests.count == 2 })
        // B finished at +900 s, A at +600 s + 600 s: B's notice first, each stamped with its own instant.
        #expect(world.received.map { $0.text(at: "/originalReferenceNo") } == ["TX-B", "TX-A"])
        #expect(world.received.map { $0.text(at: "/transactionDate") } == [
            (ProfileHarness.start + .seconds(900)).description, (ProfileHarness.start + .seconds(1200)).description,
        ])
    }

    @Test func sameInputs_GiveIdenticalDeliveries() throws {
        func run() throws -> [[String]] {
            let world = try ClockWorld()
            defer { world.shutdown() }
            _ = world.approvePayout("TX-1", plan: .suspect)
            _ = world.approvePayout("TX-2", plan: .failed, reservedAt: ProfileHarness.start + .seconds(60))
            _ = world.approvePayout("TX-3", plan: .success, reservedAt: ProfileHarness.start + .seconds(120))
            world.admin(.post, "/_sim/clock", #"{"advance": "90s"}"#)
            world.admin(.post, "/_sim/clock", #"{"advance": "1h"}"#)
            // TX-2 fails at +60 s (not notified: notifyOn 00), TX-3 succeeds at +120 s, TX-1's bank answers at +600 s.
            #expect(eventually { world.webhook.requests.count == 2 })
            let deliveries = world.simulator.notifications.deliveries(partner: "IONPAYTEST")
            return zip(deliveries, world.webhook.requests).map { delivery, request in
                [delivery.id, delivery.event.transactionRef, String(decoding: request.body, as: UTF8.self),
                 request.headers["X-TIMESTAMP"] ?? "", request.headers["X-SIGNATURE"] ?? ""]
            }
        }
        let first = try run()
        #expect(first.map { $0[1] } == ["ref-TX-3", "ref-TX-1"])
        #expect(try run() == first)
    }

    @Test func runningClock_ReachingTheInstant_RunsTheStepWithoutAnyMove() throws {
        let clock = SimulatorClock.real()
        let world = try ClockWorld(clock: clock)
        defer { world.shutdown() }
        // Schedules are whole seconds in Jakarta time; one 4 to 5 s ahead of the running clock. (At 1 to 2 s, a test
        // thread held up that long before the approval, as on a loaded machine, made the payout run at once, at the
        // approval's instant, and the step under test never ran.)
        let reservedAt = SimTime(millisecondsSince1970: (clock.now().millisecondsSince1970 / 1000 + 5) * 1000)
        #expect(world.approvePayout("TX-R", plan: .success, reservedAt: reservedAt))
        #expect(eventually { world.payoutStatus("TX-R") == .success })
        #expect(eventually { world.webhook.requests.count == 1 })
        #expect(world.received.first?.text(at: "/transactionDate") == reservedAt.description)
    }

    @Test func idlePartners_AreNeverVisited_AndAResetForgetsWhatWasDue() throws {
        let world = try ClockWorld()
        defer { world.shutdown() }
        world.simulator.withPartner("snapsim-demo") { _, _ in }
        #expect(world.approvePayout("TX-I", plan: .success, reservedAt: ProfileHarness.start + .seconds(60)))
        let index = world.simulator.slots.dueIndex
        #expect(index.partners(dueBy: ProfileHarness.start + .seconds(3600)) == ["IONPAYTEST"])
        world.simulator.reset(partner: "IONPAYTEST")
        #expect(index.partners(dueBy: ProfileHarness.start + .seconds(3600)).isEmpty)
        #expect(index.earliest == nil)
    }
}
