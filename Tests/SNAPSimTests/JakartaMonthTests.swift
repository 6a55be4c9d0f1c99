import Testing
@testable import SNAPSim

/// The month key, written digit by digit, is the Jakarta civil date's year and month zero-padded, around month
/// and year boundaries in Jakarta time and over random instants (years 1 to 9999 and the fallback beyond).
@Suite struct JakartaMonthTests {
    @Test func monthKey_IsThePaddedJakartaYearAndMonth() {
        var dice = RuleIndexTests.Dice(state: 42)
        var times: [Int64] = [0, -1, 1_798_736_400_000 - 1, 1_798_736_400_000, 1_798_761_599_999, 1_798_761_600_000]
        // 2027-01-01T00:00 WIB is 2026-12-31T17:00Z; midnight UTC is 07:00 in Jakarta.
        for _ in 0..<5_000 { times.append(Int64.random(in: -62_100_000_000_000...253_402_300_000_000, using: &dice)) }
        for _ in 0..<200 { times.append(Int64.random(in: 253_402_300_000_000...400_000_000_000_000, using: &dice)) }
        for milliseconds in times {
            let time = SimTime(millisecondsSince1970: milliseconds)
            let date = CivilDate(time, offsetMinutes: CivilDate.jakartaOffsetMinutes)
            let padded = "\(CivilDate.pad(date.year, 4))-\(CivilDate.pad(date.month, 2))"
            #expect(CivilDate.jakartaMonth(of: time) == padded, "\(milliseconds)")
        }
    }
}
