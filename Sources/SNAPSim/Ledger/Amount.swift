import SimJSON

/// A SNAP amount: `{"value":"10000.00","currency":"IDR"}`.
///
/// The value is kept as integer minor units (sen for IDR) so that no binary floating point ever touches
/// money; parsing and printing go through this one type so every service agrees on the format.
public struct Amount: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The value in minor units: `10000.00` IDR is `1_000_000`.
    public var minorUnits: Int64
    /// ISO 4217 code; the simulator serves `IDR` only.
    public var currency: String

    /// The only currency the simulator accepts, written with exactly two decimals.
    public static let rupiah = "IDR"
    /// Most digits before the decimal point: SNAP's `value` is "16,2", so 14 integer digits. Also keeps every
    /// sum of two amounts far inside `Int64`.
    public static let maximumIntegerDigits = 14

    /// An amount of `minorUnits` (sen for IDR).
    public init(minorUnits: Int64, currency: String = Amount.rupiah) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Whole rupiah, e.g. `Amount(rupiah: 10_000)` is `10000.00`.
    public init(rupiah: Int64) {
        self.init(minorUnits: rupiah * 100)
    }

    /// `0.00` IDR.
    public static let zero = Amount(minorUnits: 0)

    /// The `value` string: digits, a dot, exactly two decimals (`"10000.00"`, `"-5.50"` for negatives).
    public var value: String { Self.format(minorUnits) }

    /// `{"value": "...", "currency": "IDR"}` in SNAP member order.
    public var json: JSONValue {
        .object(["value": .string(value), "currency": .string(currency)])
    }

    /// The value as a bare JSON number with two decimals, as seed 000's limit check prints its "Double"s.
    public var jsonNumber: JSONValue { .number(value) }

    /// `10000.00 IDR`, for messages.
    public var description: String { "\(value) \(currency)" }

    public static func < (lhs: Amount, rhs: Amount) -> Bool { lhs.minorUnits < rhs.minorUnits }

    // MARK: - Text form

    /// Minor units from a `value` string, or `nil` when it is not digits + `.` + two digits.
    ///
    /// Strict on purpose: no sign, no leading zeros (`"010.00"`), no exponent, no thousands separators,
    /// exactly two decimals. A partner whose integration prints `"10000"` or `"10000.0"` learns it here
    /// rather than from a production provider.
    public static func parseValue(_ text: String) -> Int64? {
        // The string's own bytes, not a copy of them (`Array(text.utf8)` allocated once per amount, and a top-up
        // reads five: its two fields and the amount rules' three tests).
        if let parsed = text.utf8.withContiguousStorageIfAvailable(parseValue) { return parsed }
        return Array(text.utf8).withUnsafeBufferPointer(parseValue)
    }

    private static func parseValue(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard bytes.count >= 4, bytes[bytes.count - 3] == UInt8(ascii: ".") else { return nil }
        let integer = bytes[..<(bytes.count - 3)]
        let fraction = bytes[(bytes.count - 2)...]
        guard (1...maximumIntegerDigits).contains(integer.count),
            integer.allSatisfy(isDigit), fraction.allSatisfy(isDigit),
            integer.count == 1 || integer.first != UInt8(ascii: "0")
        else { return nil }
        var units: Int64 = 0
        for byte in integer { units = units * 10 + Int64(byte - UInt8(ascii: "0")) }
        for byte in fraction { units = units * 10 + Int64(byte - UInt8(ascii: "0")) }
        return units
    }

    /// `value` text for minor units.
    ///
    /// Every amount of every answer passes here: the digits are written backwards into a stack buffer and become
    /// one (small, unallocated) string, with no intermediate strings.
    public static func format(_ minorUnits: Int64) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var magnitude = minorUnits.magnitude  // `UInt64`: `Int64.min` has one too
            var start = buffer.count
            func put(_ byte: UInt8) {
                start -= 1
                buffer[start] = byte
            }
            func putDigit() {
                put(UInt8(ascii: "0") + UInt8(magnitude % 10))
                magnitude /= 10
            }
            putDigit()
            putDigit()
            put(UInt8(ascii: "."))
            repeat { putDigit() } while magnitude > 0
            if minorUnits < 0 { put(UInt8(ascii: "-")) }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[start...]), as: UTF8.self)
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}

// MARK: - Request fields

extension Amount {
    /// Reads the amount object of a request field, e.g. `amount` or `feeAmount`.
    ///
    /// Missing object, `value` or `currency` → 400xx02 naming it; anything present but malformed → 400xx01
    /// naming the innermost bad part (`amount.value`), as partners need to know which part to fix.
    /// - Parameters:
    ///   - member: the member as found in the request body (`nil` when absent).
    ///   - field: the dotted field name used in messages.
    public init(request member: JSONValue?, field: String) throws(SNAPError) {
        guard let member = Self.present(member) else {
            throw SNAPError.invalidMandatoryField(field).explained(
                ["summary": .string("\(field) is mandatory: {\"value\":\"10000.00\",\"currency\":\"IDR\"}")])
        }
        guard case .object(let object) = member else {
            throw SNAPError.invalidFieldFormat(field).explained(
                ["summary": .string("\(field) must be an object, got \(member.typeName)")])
        }
        guard let valueMember = Self.present(object["value"]) else {
            throw SNAPError.invalidMandatoryField("\(field).value").explained(
                ["summary": .string("\(field).value is mandatory")])
        }
        guard case .string(let text) = valueMember, let units = Self.parseValue(text) else {
            throw SNAPError.invalidFieldFormat("\(field).value").explained([
                "summary": .string(
                    "\(field).value must be a string of digits with exactly two decimals, e.g. \"10000.00\""),
                "received": valueMember,
            ])
        }
        guard let currencyMember = Self.present(object["currency"]) else {
            throw SNAPError.invalidMandatoryField("\(field).currency").explained(
                ["summary": .string("\(field).currency is mandatory")])
        }
        guard case .string(let currency) = currencyMember, currency == Self.rupiah else {
            throw SNAPError.invalidFieldFormat("\(field).currency").explained([
                "summary": .string("\(field).currency must be \"IDR\""), "received": currencyMember,
            ])
        }
        self.init(minorUnits: units, currency: currency)
    }

    /// `member` unless it is absent or `null`: a pattern, not `!= .null` (an `==` of two enum values, three per
    /// amount read).
    private static func present(_ member: JSONValue?) -> JSONValue? {
        if case .null? = member { return nil }
        return member
    }
}
