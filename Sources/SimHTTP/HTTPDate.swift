#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A point in time rendered as an IMF-fixdate, the form of the `Date` header (RFC 9110 §5.6.7),
/// e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
///
/// Formatting is pure arithmetic on the seconds since 1970, so a server can cheaply make one value per second
/// and hand the same bytes to every response in that second.
public struct HTTPDate: Sendable, Hashable, CustomStringConvertible {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    public let secondsSince1970: Int
    /// The 29 ASCII bytes of the IMF-fixdate.
    public let bytes: [UInt8]

    /// Formats the given second.
    public init(secondsSince1970: Int) {
        self.secondsSince1970 = secondsSince1970
        self.bytes = Self.format(secondsSince1970)
    }

    /// The current wall-clock second.
    public static func now() -> HTTPDate {
        HTTPDate(secondsSince1970: Int(time(nil)))
    }

    public var description: String { String(decoding: bytes, as: UTF8.self) }

    private static let weekdays: [StaticString] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months: [StaticString] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    private static func format(_ seconds: Int) -> [UInt8] {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilDate(daysSince1970: days)
        // 1970-01-01 was a Thursday (index 4).
        let weekday = ((days % 7) + 11) % 7

        var out: [UInt8] = []
        out.reserveCapacity(29)
        func append(_ text: StaticString) {
            out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }
        func appendDigits(_ value: Int, width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var value = value
            while divisor > 0 {
                out.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: (value / divisor) % 10))
                value %= divisor
                divisor /= 10
            }
        }
        append(weekdays[weekday])
        append(", ")
        appendDigits(day, width: 2)
        out.append(UInt8(ascii: " "))
        append(months[month - 1])
        out.append(UInt8(ascii: " "))
        appendDigits(max(0, min(year, 9999)), width: 4)
        out.append(UInt8(ascii: " "))
        appendDigits(secondOfDay / 3600, width: 2)
        out.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay / 60 % 60, width: 2)
        out.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay % 60, width: 2)
        append(" GMT")
        return out
    }

    /// Days since 1970-01-01 to a proleptic Gregorian (year, month 1–12, day 1–31); Howard Hinnant's
    /// `civil_from_days`. The one civil-calendar conversion of the package: the simulator's dates use it too.
    public static func civilDate(daysSince1970: Int) -> (year: Int, month: Int, day: Int) {
        let z = daysSince1970 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// A proleptic Gregorian date to days since 1970-01-01, the inverse of ``civilDate(daysSince1970:)``;
    /// Howard Hinnant's `days_from_civil`.
    public static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
