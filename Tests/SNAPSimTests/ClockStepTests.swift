import Testing
@testable import SNAPSim

@Suite struct ClockStepTests {
    @Test(arguments: [("901s", Int64(901_000)), ("15m", 900_000), ("2h", 7_200_000), ("1d", 86_400_000), ("250ms", 250)])
    func step_ParsesDurations(_ text: String, _ milliseconds: Int64) throws {
        let step = try #require(ClockStep(text))
        #expect(step.applied(to: SimTime(millisecondsSince1970: 0)).millisecondsSince1970 == milliseconds)
    }

    @Test(arguments: ["", "s", "10", "10x", "1.5h", "ten s", "9223372036854775807d", "-9223372036854775807s", "366001d", "12001mo"])
    func step_ReturnsNil_WhenMalformed(_ text: String) {
        #expect(ClockStep(text) == nil)
    }

    @Test func step_AcceptsAThousandYearsEitherWay() throws {
        let step = try #require(ClockStep("-366000d"))
        #expect(step.applied(to: SimTime(millisecondsSince1970: 0)).millisecondsSince1970 == -366_000 * 86_400_000)
    }

    @Test func months_ClampToTheLastDayInJakarta() throws {
        let january31 = try #require(ISO8601Timestamp("2026-01-31T23:30:00+07:00")).time
        let step = try #require(ClockStep("1mo"))
        #expect(step.applied(to: january31).description == "2026-02-28T23:30:00+07:00")
        #expect(try #require(ClockStep("12mo")).applied(to: january31).description == "2027-01-31T23:30:00+07:00")
    }
}
