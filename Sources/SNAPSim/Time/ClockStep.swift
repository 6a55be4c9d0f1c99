/// An amount to move the simulator clock by, as users write it: `901s`, `15m`, `2h`, `1d`, `500ms`, or
/// calendar months `1mo` (same day and time next month in Jakarta, clamped to the month's last day).
public enum ClockStep: Sendable, Equatable, CustomStringConvertible {
    case duration(Duration)
    case months(Int)

    /// Longest step accepted, either way: 10,000 years keeps every clock reading far inside `Int64` milliseconds.
    public static let maximumMilliseconds: Int64 = 10_000 * 366 * 86_400_000

    /// Parses `<whole number><unit>`; `nil` for anything else, and for steps longer than 10,000 years (which
    /// would overflow the clock's arithmetic rather than mean anything).
    public init?(_ text: String) {
        let digits = text.prefix { $0.isNumber || $0 == "-" }
        guard let amount = Int64(digits), !digits.isEmpty else { return nil }
        let unit = text.dropFirst(digits.count)
        if unit == "mo" {
            guard amount.magnitude <= 10_000 * 12 else { return nil }
            self = .months(Int(amount))
            return
        }
        let scale: Int64
        switch unit {
        case "ms": scale = 1
        case "s": scale = 1000
        case "m": scale = 60_000
        case "h": scale = 3_600_000
        case "d": scale = 86_400_000
        default: return nil
        }
        let (milliseconds, overflow) = amount.multipliedReportingOverflow(by: scale)
        guard !overflow, milliseconds.magnitude <= Self.maximumMilliseconds.magnitude else { return nil }
        self = .duration(.milliseconds(milliseconds))
    }

    public var description: String {
        switch self {
        case .duration(let duration): "\(duration.wholeMilliseconds)ms"
        case .months(let months): "\(months)mo"
        }
    }

    /// `time` moved by this step.
    public func applied(to time: SimTime) -> SimTime {
        switch self {
        case .duration(let duration):
            return time + duration
        case .months(let months):
            var civil = CivilDate(time, offsetMinutes: CivilDate.jakartaOffsetMinutes)
            let monthIndex = civil.year * 12 + (civil.month - 1) + months
            civil.year = monthIndex / 12
            civil.month = monthIndex % 12 + 1
            while !CivilDate.isValid(year: civil.year, month: civil.month, day: civil.day) { civil.day -= 1 }
            return civil.time(offsetMinutes: CivilDate.jakartaOffsetMinutes)
        }
    }
}
