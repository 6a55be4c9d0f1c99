/// Parses and prints the ISO-8601 timestamps SNAP uses (`X-TIMESTAMP`, `transactionDate`).
///
/// Accepted: `yyyy-MM-ddTHH:mm:ss` followed by optional fractional seconds (1–9 digits) and a zone
/// designator `Z` or `±HH:mm`. A zone is required: a time without one is ambiguous.
public struct ISO8601Timestamp: Sendable, Hashable {
    /// The instant denoted.
    public let time: SimTime
    /// Minutes east of UTC as written (`Z` is 0).
    public let offsetMinutes: Int
    /// Whether the zone was written as `Z`.
    public let isUTCDesignator: Bool
    /// Whether fractional seconds were present.
    public let hasFraction: Bool

    /// Parses `text`, or returns `nil` when it is not a complete timestamp of the accepted form.
    public init?(_ text: String) {
        // Read in place: `Array(text.utf8)` allocated a copy of every request's X-TIMESTAMP.
        let parsed = text.utf8.withContiguousStorageIfAvailable(Self.init(utf8:))
            ?? Array(text.utf8).withUnsafeBufferPointer(Self.init(utf8:))
        guard let parsed else { return nil }
        self = parsed
    }

    private init?(utf8 b: UnsafeBufferPointer<UInt8>) {
        guard b.count >= 20 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = b[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), b[4] == UInt8(ascii: "-"), let month = number(5..<7),
            b[7] == UInt8(ascii: "-"), let day = number(8..<10), b[10] == UInt8(ascii: "T"),
            let hour = number(11..<13), b[13] == UInt8(ascii: ":"), let minute = number(14..<16),
            b[16] == UInt8(ascii: ":"), let second = number(17..<19),
            CivilDate.isValid(year: year, month: month, day: day), hour < 24, minute < 60, second < 60
        else { return nil }

        var index = 19
        var millisecond = 0
        var hasFraction = false
        if b[index] == UInt8(ascii: ".") {
            let start = index + 1
            index = start
            while index < b.count, b[index] >= 48, b[index] <= 57 { index += 1 }
            let digits = index - start
            guard (1...9).contains(digits) else { return nil }
            hasFraction = true
            let firstThree = number(start..<min(start + 3, index)) ?? 0
            millisecond = digits >= 3 ? firstThree : firstThree * (digits == 1 ? 100 : 10)
        }
        guard index < b.count else { return nil }

        let offset: Int
        if b[index] == UInt8(ascii: "Z") {
            guard index + 1 == b.count else { return nil }
            offset = 0
            isUTCDesignator = true
        } else {
            guard index + 6 == b.count, b[index] == UInt8(ascii: "+") || b[index] == UInt8(ascii: "-"),
                let offsetHours = number(index + 1..<index + 3), b[index + 3] == UInt8(ascii: ":"),
                let offsetMinutes = number(index + 4..<index + 6), offsetHours < 24, offsetMinutes < 60
            else { return nil }
            let magnitude = offsetHours * 60 + offsetMinutes
            offset = b[index] == UInt8(ascii: "-") ? -magnitude : magnitude
            isUTCDesignator = false
        }
        let civil = CivilDate(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second, millisecond: millisecond)
        self.time = civil.time(offsetMinutes: offset)
        self.offsetMinutes = offset
        self.hasFraction = hasFraction
    }

    /// `yyyy-MM-ddTHH:mm:ss±HH:mm` (or `Z` when `offsetMinutes` is 0 and `utcDesignator` is set).
    public static func format(_ time: SimTime, offsetMinutes: Int, utcDesignator: Bool = false, milliseconds: Bool = false)
        -> String
    {
        let civil = CivilDate(time, offsetMinutes: offsetMinutes)
        guard (0...9999).contains(civil.year), abs(offsetMinutes) < 100 * 60 else {
            var text = "\(CivilDate.pad(civil.year, 4))-\(CivilDate.pad(civil.month, 2))-\(CivilDate.pad(civil.day, 2))"
            text += "T\(CivilDate.pad(civil.hour, 2)):\(CivilDate.pad(civil.minute, 2)):\(CivilDate.pad(civil.second, 2))"
            if milliseconds { text += "." + CivilDate.pad(civil.millisecond, 3) }
            if utcDesignator && offsetMinutes == 0 { return text + "Z" }
            let sign = offsetMinutes < 0 ? "-" : "+"
            let magnitude = abs(offsetMinutes)
            return text + sign + CivilDate.pad(magnitude / 60, 2) + ":" + CivilDate.pad(magnitude % 60, 2)
        }
        // Every answer and journal entry carries a timestamp: write the fixed-width digits in place.
        return String(unsafeUninitializedCapacity: 29) { out in
            var index = 0
            func put(_ byte: UInt8) {
                out[index] = byte
                index += 1
            }
            func digits(_ value: Int, _ width: Int) {
                var divisor = 1
                for _ in 1..<width { divisor *= 10 }
                var rest = value
                while divisor > 0 {
                    put(UInt8(ascii: "0") + UInt8(rest / divisor))
                    rest %= divisor
                    divisor /= 10
                }
            }
            digits(civil.year, 4)
            put(UInt8(ascii: "-"))
            digits(civil.month, 2)
            put(UInt8(ascii: "-"))
            digits(civil.day, 2)
            put(UInt8(ascii: "T"))
            digits(civil.hour, 2)
            put(UInt8(ascii: ":"))
            digits(civil.minute, 2)
            put(UInt8(ascii: ":"))
            digits(civil.second, 2)
            if milliseconds {
                put(UInt8(ascii: "."))
                digits(civil.millisecond, 3)
            }
            if utcDesignator && offsetMinutes == 0 {
                put(UInt8(ascii: "Z"))
                return index
            }
            put(offsetMinutes < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            let magnitude = abs(offsetMinutes)
            digits(magnitude / 60, 2)
            put(UInt8(ascii: ":"))
            digits(magnitude % 60, 2)
            return index
        }
    }
}
