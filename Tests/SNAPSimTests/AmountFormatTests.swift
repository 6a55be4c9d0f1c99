import Testing

@testable import SNAPSim

/// `Amount.format` writes digits into a buffer; it must print what the plain string version printed.
@Suite struct AmountFormatTests {
    /// The format as it was written before (string concatenation), the reference.
    private func reference(_ minorUnits: Int64) -> String {
        let magnitude = minorUnits.magnitude
        let cents = magnitude % 100
        return (minorUnits < 0 ? "-" : "") + String(magnitude / 100) + (cents < 10 ? ".0" : ".") + String(cents)
    }

    @Test func format_MatchesReference_OnEdgesAndEveryMagnitude() {
        var values: [Int64] = [0, 1, 9, 10, 99, 100, 101, 999, 1_000, Int64.max, Int64.min, Int64.min + 1]
        var power: Int64 = 1
        for _ in 0..<18 {
            power *= 10
            values += [power - 1, power, power + 1, power + 7]
        }
        var state: UInt64 = 0x5EED
        for _ in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append(Int64(bitPattern: state) >> Int64(state % 60))
        }
        for value in values + values.map({ 0 &- $0 }) {
            #expect(Amount.format(value) == reference(value), "\(value)")
        }
    }
}
