/// A point in simulator time: milliseconds since 1970-01-01T00:00:00Z.
///
/// Integer milliseconds keep arithmetic exact and printing deterministic; every timestamp in a response
/// comes from one of these, read off the injected ``SimulatorClock``.
public struct SimTime: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var millisecondsSince1970: Int64

    public init(millisecondsSince1970: Int64) {
        self.millisecondsSince1970 = millisecondsSince1970
    }

    public static func < (lhs: SimTime, rhs: SimTime) -> Bool {
        lhs.millisecondsSince1970 < rhs.millisecondsSince1970
    }

    public static func + (lhs: SimTime, rhs: Duration) -> SimTime {
        SimTime(millisecondsSince1970: lhs.millisecondsSince1970 + rhs.wholeMilliseconds)
    }

    public static func - (lhs: SimTime, rhs: SimTime) -> Duration {
        .milliseconds(lhs.millisecondsSince1970 - rhs.millisecondsSince1970)
    }

    /// The instant as `yyyy-MM-ddTHH:mm:ss+07:00`, the form SNAP providers print.
    public var description: String { ISO8601Timestamp.format(self, offsetMinutes: CivilDate.jakartaOffsetMinutes) }
}

extension Duration {
    /// The duration truncated to whole milliseconds.
    public var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
