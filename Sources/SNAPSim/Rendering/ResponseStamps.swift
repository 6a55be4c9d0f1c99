/// The `X-TIMESTAMP` and `Date` values of answers, formatted once per second of simulated time.
///
/// Both depend only on the whole second an answer is rendered at (X-TIMESTAMP has no milliseconds; CivilDate
/// floors them), and on a frozen clock every answer shares one second: formatting them per answer cost two
/// strings built digit by digit. The last second's values are kept behind a short lock, shared by every
/// simulator (they are a pure function of the second, so sharing them cannot leak anything between runs).
final class ResponseStamps: Sendable {
    static let shared = ResponseStamps()

    struct Stamp: Sendable {
        let second: Int64
        let timestamp: String
        let date: String
    }

    private let last = BargingLock<Stamp?>(nil)

    /// X-TIMESTAMP (Jakarta time, no milliseconds) and the HTTP `Date` of an answer rendered at `time`.
    func stamp(for time: SimTime) -> Stamp {
        let milliseconds = time.millisecondsSince1970
        let second = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        if let cached = last.withLock({ $0 }), cached.second == second { return cached }
        let stamp = Stamp(
            second: second, timestamp: ISO8601Timestamp.format(time, offsetMinutes: CivilDate.jakartaOffsetMinutes),
            date: time.httpDate)
        last.withLock { $0 = stamp }
        return stamp
    }
}
