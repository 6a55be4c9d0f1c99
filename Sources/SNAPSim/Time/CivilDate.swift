import SimHTTP

/// A calendar date and time of day at a fixed UTC offset (proleptic Gregorian).
///
/// Jakarta (WIB) has been UTC+7 without daylight saving since 1964, so "the same day" and "this month"
/// are plain arithmetic on the offset; no time-zone database is involved, which keeps results identical
/// on every machine.
public struct CivilDate: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var millisecond: Int

    /// UTC+07:00, the offset of Western Indonesia Time.
    public static let jakartaOffsetMinutes = 7 * 60

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.millisecond = millisecond
    }

    /// The civil date and time of `time` as seen at `offsetMinutes` east of UTC.
    public init(_ time: SimTime, offsetMinutes: Int) {
        let local = time.millisecondsSince1970 + Int64(offsetMinutes) * 60_000
        let days = Self.floorDivide(local, 86_400_000)
        let msOfDay = Int(local - days * 86_400_000)
        (year, month, day) = Self.civil(fromDays: days)
        hour = msOfDay / 3_600_000
        minute = msOfDay / 60_000 % 60
        second = msOfDay / 1000 % 60
        millisecond = msOfDay % 1000
    }

    /// The instant this civil time denotes at `offsetMinutes` east of UTC.
    public func time(offsetMinutes: Int) -> SimTime {
        let days = Self.days(fromCivil: year, month, day)
        let local = days * 86_400_000 + Int64(hour) * 3_600_000 + Int64(minute) * 60_000 + Int64(second) * 1000
            + Int64(millisecond)
        return SimTime(millisecondsSince1970: local - Int64(offsetMinutes) * 60_000)
    }

    /// A key naming the Jakarta calendar day of `time`, e.g. `2026-11-21`.
    public static func jakartaDay(of time: SimTime) -> String {
        let date = CivilDate(time, offsetMinutes: jakartaOffsetMinutes)
        return "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))"
    }

    /// A key naming the Jakarta calendar month of `time`, e.g. `2026-11`.
    ///
    /// Written digit by digit into one small string: every top-up asks for it, and the interpolation of two padded
    /// numbers cost ~1.5k instructions. Years outside 0...9999 take the padded form.
    public static func jakartaMonth(of time: SimTime) -> String {
        let date = CivilDate(time, offsetMinutes: jakartaOffsetMinutes)
        guard (0...9999).contains(date.year), (1...12).contains(date.month) else {
            return "\(pad(date.year, 4))-\(pad(date.month, 2))"
        }
        let zero = UInt8(ascii: "0")
        return String(unsafeUninitializedCapacity: 7) { bytes in
            bytes[0] = zero + UInt8(date.year / 1000)
            bytes[1] = zero + UInt8(date.year / 100 % 10)
            bytes[2] = zero + UInt8(date.year / 10 % 10)
            bytes[3] = zero + UInt8(date.year % 10)
            bytes[4] = UInt8(ascii: "-")
            bytes[5] = zero + UInt8(date.month / 10)
            bytes[6] = zero + UInt8(date.month % 10)
            return 7
        }
    }

    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        // A switch, not a table: an array literal was allocated on every timestamp parsed.
        let length =
            switch month {
            case 2: isLeap(year) ? 29 : 28
            case 4, 6, 9, 11: 30
            default: 31
            }
        return day <= length
    }

    static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : (a - b + 1) / b
    }

    // Days since 1970-01-01 ↔ civil date: SimHTTP's conversion (the one the `Date` header uses).
    private static func civil(fromDays days: Int64) -> (Int, Int, Int) {
        HTTPDate.civilDate(daysSince1970: Int(days))
    }

    private static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int64 {
        Int64(HTTPDate.daysSince1970(year: year, month: month, day: day))
    }
}
