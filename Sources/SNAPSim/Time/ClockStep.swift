/// An amount to move the simulator clock by, as users write it: `901s`, `15m`, `2h`, `1d`, `500ms`, or
/// calendar months `1mo` (same day and time next month in Jakarta, clamped to the month's last day).
public enum ClockStep: Sendable, Equatable, CustomStringConvertible {
    case duration(Duration)
    case months(Int)

    /// Parses `<whole number><unit>`; `nil` for anything else.
    public init?(_ text: String) {
        let digits = text.prefix { $0.isNumber || $0 == "-" }
        guard let amount = Int(digits), !digits.isEmpty else { return nil }
        switch text.dropFirst(digits.count) {
        case "ms": self = .duration(.milliseconds(amount))
        case "s": self = .duration(.seconds(amount))
        case "m": self = .duration(.seconds(amount * 60))
        case "h": self = .duration(.seconds(amount * 3600))
        case "d": self = .duration(.seconds(amount * 86_400))
        case "mo": self = .months(amount)
        default: return nil
        }
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
