import Testing
@testable import SNAPSim

@Suite struct TimeTests {
    @Test(arguments: [
        ("2026-11-21T18:19:47+07:00", Int64(1_795_259_987_000)),
        ("2026-11-21T11:19:47Z", Int64(1_795_259_987_000)),
        ("2026-11-21T11:19:47.5Z", Int64(1_795_259_987_500)),
        ("2026-11-21T11:19:47.123456Z", Int64(1_795_259_987_123)),
        ("2026-11-21T06:19:47-05:00", Int64(1_795_259_987_000)),
        ("1970-01-01T00:00:00Z", Int64(0)),
        ("2024-02-29T23:59:59+07:00", Int64(1_709_225_999_000)),
    ])
    func timestamp_ParsesInstant_WhenWellFormed(_ text: String, _ milliseconds: Int64) throws {
        let timestamp = try #require(ISO8601Timestamp(text))
        #expect(timestamp.time.millisecondsSince1970 == milliseconds)
    }

    @Test(arguments: [
        "2026-11-21T18:19:47", "2026-11-21 18:19:47+07:00", "2026-13-01T00:00:00Z", "2025-02-29T00:00:00Z",
        "2026-11-21T24:00:00Z", "2026-11-21T18:19:47+0700", "2026-11-21T18:19:47.Z", "2026-11-21T18:19:47+07:00x",
        "20261121T181947Z", "",
    ])
    func timestamp_ReturnsNil_WhenMalformed(_ text: String) {
        #expect(ISO8601Timestamp(text) == nil)
    }

    @Test func timestamp_FormatsJakartaAndUTCForms() {
        let time = SimTime(millisecondsSince1970: 1_795_259_987_042)
        #expect(ISO8601Timestamp.format(time, offsetMinutes: 420) == "2026-11-21T18:19:47+07:00")
        #expect(ISO8601Timestamp.format(time, offsetMinutes: 0, utcDesignator: true) == "2026-11-21T11:19:47Z")
        #expect(ISO8601Timestamp.format(time, offsetMinutes: 0, milliseconds: true) == "2026-11-21T11:19:47.042+00:00")
    }

    @Test func jakartaDay_ChangesAtLocalMidnightNotUTCMidnight() throws {
        let beforeMidnight = try #require(ISO8601Timestamp("2026-11-21T23:59:59+07:00")).time
        let afterMidnight = try #require(ISO8601Timestamp("2026-11-22T00:00:00+07:00")).time
        #expect(CivilDate.jakartaDay(of: beforeMidnight) == "2026-11-21")
        #expect(CivilDate.jakartaDay(of: afterMidnight) == "2026-11-22")
        // 17:00 UTC is already the next day in Jakarta.
        #expect(CivilDate.jakartaDay(of: try #require(ISO8601Timestamp("2026-11-30T17:00:00Z")).time) == "2026-12-01")
        #expect(CivilDate.jakartaMonth(of: try #require(ISO8601Timestamp("2026-11-30T17:00:00Z")).time) == "2026-12")
    }

    @Test func civilDate_RoundTripsAcrossCenturiesAndNegativeTimes() {
        for milliseconds in stride(from: Int64(-5_000_000_000_000), through: 5_000_000_000_000, by: 86_399_999_937) {
            let time = SimTime(millisecondsSince1970: milliseconds)
            #expect(CivilDate(time, offsetMinutes: 420).time(offsetMinutes: 420) == time)
        }
    }

    @Test func httpDate_IsIMFFixdate() {
        #expect(SimTime(millisecondsSince1970: 1_795_259_987_000).httpDate == "Sat, 21 Nov 2026 11:19:47 GMT")
        #expect(SimTime(millisecondsSince1970: 0).httpDate == "Thu, 01 Jan 1970 00:00:00 GMT")
    }

    @Test func fixedClock_MovesOnlyWhenToldAndResetsToStart() {
        let start = SimTime(millisecondsSince1970: 1_000_000)
        let clock = SimulatorClock.fixed(at: start)
        #expect(clock.now() == start)
        clock.advance(by: .seconds(901))
        #expect(clock.now().millisecondsSince1970 == 1_901_000)
        clock.set(SimTime(millisecondsSince1970: 5))
        #expect(clock.now().millisecondsSince1970 == 5)
        clock.reset()
        #expect(clock.now() == start)
    }

    @Test func realClock_AdvancesByOffset() {
        let clock = SimulatorClock.real()
        let before = clock.now()
        clock.advance(by: .seconds(3600))
        #expect(clock.now() - before >= .seconds(3600))
    }
}
