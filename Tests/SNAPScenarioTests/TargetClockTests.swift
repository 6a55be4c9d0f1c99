import SNAPSim
import Testing

@testable import SNAPScenario

/// The runner's estimate of a target's clock: a fixed clock stays where the target said it is, so requests and
/// `${now}` carry exactly the target's time however long a step takes; a running one runs on.
@Suite struct TargetClockTests {
    static let start = RunConfiguration.defaultStart

    @Test func fixedTarget_StaysAtTheInstantItSaid_UntilTheHeaderDiffersByTwoSeconds() {
        let clock = TargetClock()
        clock.sync(to: Self.start, frozen: true)
        #expect(clock.now() == Self.start)
        // Sat, 21 Nov 2026 03:00:01 GMT is 10:00:01 in Jakarta: within the header's whole-second truncation.
        clock.sync(dateHeader: "Sat, 21 Nov 2026 03:00:01 GMT")
        #expect(clock.now() == Self.start)
        // A header two seconds off is a real difference: taken, and the clock stays fixed there.
        clock.sync(dateHeader: "Sat, 21 Nov 2026 03:15:01 GMT")
        #expect(clock.now() == Self.start + .seconds(901))
        #expect(clock.now() == Self.start + .seconds(901))
    }

    @Test func runningTarget_RunsOnFromTheInstantItSaid() {
        let clock = TargetClock()
        clock.sync(to: Self.start)
        #expect(clock.now() >= Self.start)
    }
}
