import Testing

@testable import SNAPSim

/// The per-family schedule of due instants, and the fixture that makes top-ups pending.
@Suite struct DueScheduleTests {
    static let t0 = SimTime(millisecondsSince1970: 1_000_000)

    @Test func popsEarliestFirst_TiesByRankThenBySchedulingOrder() {
        var schedule = DueSchedule()
        schedule.schedule("late", at: Self.t0 + .seconds(60))
        schedule.schedule("b", at: Self.t0, rank: 2)
        schedule.schedule("a", at: Self.t0, rank: 1)
        schedule.schedule("a2", at: Self.t0, rank: 1)
        #expect(schedule.next == Self.t0)
        var popped: [String] = []
        while let (key, _) = schedule.popDue(atOrBefore: Self.t0 + .seconds(59)) { popped.append(key) }
        #expect(popped == ["a", "a2", "b"])
        #expect(schedule.next == Self.t0 + .seconds(60))
        #expect(schedule.popDue(atOrBefore: Self.t0 + .seconds(59)) == nil)
    }

    @Test func reschedulingReplaces_AndCancelForgets() {
        var schedule = DueSchedule()
        schedule.schedule("x", at: Self.t0 + .seconds(10))
        schedule.schedule("x", at: Self.t0 + .seconds(5))
        schedule.schedule("y", at: Self.t0 + .seconds(7))
        #expect(schedule.entries.map(\.key) == ["x", "y"])
        schedule.cancel("x")
        #expect(schedule.next == Self.t0 + .seconds(7))
        schedule.cancel("y")
        #expect(schedule.isEmpty && schedule.next == nil)
    }

    @Test func pendingTopUpFixture_IsReadAndChecked() throws {
        let pending = try #require(LoadedFixtures.defaults.ledger.customer("081299990306")?.customer.pendingTopUp)
        #expect(pending == PendingTopUpPlan(settleAfterSeconds: 300, succeeds: false))
        let bad = #"{"customers": [{"customerNumber": "081288880001", "name": "X", "tier": "basic", "balance": "0.00", "pendingTopUp": {"settleAfterSeconds": 0, "settlesTo": "07"}}]}"#
        var files = DefaultFixtures.files
        files.append((path: "zz-customers.json", contents: bad))
        #expect(throws: FixtureLoadError.self) { try LoadedFixtures.load(files: files) }
    }
}
