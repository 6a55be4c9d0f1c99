/// An amount to move the simulator clock by, as users write it: `901s`, `15m`, `2h`, `1d`, `500ms`, or
/// calendar months `1mo` (same day and time next month in Jakarta, clamped to the month's last day).
public enum ClockStep: Sendable, Equatable, CustomStringConvertible {
    case duration(Duration)
    case months(Int)

    /// The longest step, either way: 1,000 years. Far beyond any test, and small enough that moving the clock
    /// by it can never overflow simulator time.
    static let maximumSeconds = 1000 * 366 * 86_400

    /// Parses `<whole number><unit>`; `nil` for anything else, and for steps beyond ±1,000 years.
    public init?(_ text: String) {
        let digits = text.prefix { $0.isNumber || $0 == "-" }
        guard let amount = Int(digits), !digits.isEmpty else { return nil }
        let secondsPerUnit: Int
        switch text.dropFirst(digits.count) {
        case "ms":
            guard abs(amount) <= Self.maximumSeconds * 1000 else { return nil }
            self = .duration(.milliseconds(amount))
            return
        case "s": secondsPerUnit = 1
        case "m": secondsPerUnit = 60
        case "h": secondsPerUnit = 3600
        case "d": secondsPerUnit = 86_400
        case "mo":
            guard abs(amount) <= 12_000 else { return nil }
            self = .months(amount)
            return
        default: return nil
        }
        let (seconds, overflow) = amount.multipliedReportingOverflow(by: secondsPerUnit)
        guard !overflow, abs(seconds) <= Self.maximumSeconds else { return nil }
        self = .duration(.seconds(seconds))
    }

    /// Why `text` is not a step: too large, or not `<whole number><unit>` at all.
    public static func problem(with text: String) -> String {
        let digits = text.prefix { $0.isNumber || $0 == "-" }
        let unit = text.dropFirst(digits.count)
        if !digits.isEmpty, ["ms", "s", "m", "h", "d", "mo"].contains(unit) {
            return "\"\(text)\" is too large: a step moves the clock by at most 1,000 years either way"
        }
        return "\"\(text)\" is not a duration like 901s, 15m, 2h, 1d or 1mo"
    }

    /// Whether the step moves the clock back.
    public var isNegative: Bool {
        switch self {
        case .duration(let duration): duration < .zero
        case .months(let months): months < 0
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
