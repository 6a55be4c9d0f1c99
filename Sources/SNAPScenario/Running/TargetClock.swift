import Foundation
import SNAPSim
import Synchronization

/// The runner's estimate of a remote target's clock, so requests are stamped with the target's time even when
/// it runs a fixed or shifted clock (`snapsim serve --clock …`).
///
/// Set exactly from the admin API (`/_sim/clock`) when there is an admin token, and corrected from the `Date`
/// header of every answer (whole seconds, so only a drift of two seconds or more is corrected).
final class TargetClock: Sendable {
    private struct Anchor {
        var time: SimTime
        var at: ContinuousClock.Instant
        /// The target said its clock is fixed: it stays at `time` until moved, whatever the wall clock does.
        var frozen = false
    }

    private let anchor: Mutex<Anchor>

    init(start: SimTime = TargetClock.wallClock()) {
        anchor = Mutex(Anchor(time: start, at: .now))
    }

    func now() -> SimTime {
        anchor.withLock { $0.frozen ? $0.time : $0.time + (ContinuousClock.now - $0.at) }
    }

    /// The target said exactly what time it is, and whether its clock is fixed there (`GET /_sim/clock`'s mode).
    func sync(to time: SimTime, frozen: Bool = false) {
        anchor.withLock { $0 = Anchor(time: time, at: .now, frozen: frozen) }
    }

    /// The target's `Date` header (IMF-fixdate, RFC 9110 §5.6.7), when it is one.
    func sync(dateHeader: String) {
        guard let time = Self.parseIMFFixdate(dateHeader) else { return }
        anchor.withLock { anchor in
            let estimate = anchor.frozen ? anchor.time : anchor.time + (ContinuousClock.now - anchor.at)
            // The header has whole seconds: correct only a real difference, not its truncation.
            if abs((time - estimate).wholeMilliseconds) >= 2000 {
                anchor = Anchor(time: time, at: .now, frozen: anchor.frozen)
            }
        }
    }

    static func wallClock() -> SimTime {
        SimTime(millisecondsSince1970: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// `Sun, 06 Nov 1994 08:49:37 GMT`.
    static func parseIMFFixdate(_ text: String) -> SimTime? {
        let parts = text.split(separator: " ")
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]),
            let monthIndex = months.firstIndex(of: String(parts[2])), let year = Int(parts[3])
        else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3, CivilDate.isValid(year: year, month: monthIndex + 1, day: day),
            (0..<24).contains(clock[0]), (0..<60).contains(clock[1]), (0..<61).contains(clock[2])
        else { return nil }
        return CivilDate(
            year: year, month: monthIndex + 1, day: day, hour: clock[0], minute: clock[1], second: clock[2]
        )
        .time(offsetMinutes: 0)
    }
}
