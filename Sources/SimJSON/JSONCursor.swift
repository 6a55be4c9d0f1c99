/// The lexical layer the tree parser and the scanner share: whitespace, literals, numbers and strings, each
/// problem reported with its byte offset. Keeping one copy means both accept exactly the same documents.
struct JSONCursor {
    let bytes: [UInt8]
    let limits: JSONLimits
    var index = 0

    init(_ bytes: [UInt8], limits: JSONLimits) {
        self.bytes = bytes
        self.limits = limits
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }
    var atEnd: Bool { index >= bytes.count }

    func error(_ reason: String, at offset: Int? = nil, limit: JSONLimits.Limit? = nil) -> JSONSyntaxError {
        JSONSyntaxError(offset: offset ?? index, reason: reason, limit: limit)
    }

    /// Refuses byte order marks: RFC 8259 §8.1 forbids sending one, and a signed body must be the bytes signed.
    func checkStart() throws(JSONSyntaxError) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw error("a UTF-8 byte order mark precedes the document; send UTF-8 without one", at: 0)
        }
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            throw error("a UTF-16 byte order mark: JSON must be UTF-8", at: 0)
        }
    }

    /// Skips JSON whitespace (space, tab, LF, CR; RFC 8259 §2).
    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let count = literal.utf8CodeUnitCount
        let matches = literal.withUTF8Buffer { expected in
            index + count <= bytes.count && bytes[index..<index + count].elementsEqual(expected)
        }
        guard matches else { throw error("invalid literal (expected \(literal))") }
        index += count
    }

    /// The number at the cursor: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func scanNumber() throws(JSONSyntaxError) -> Range<Int> {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, Self.isDigit(first) else { throw error("expected a digit") }
        index += 1
        if first != UInt8(ascii: "0") {
            while let byte = current, Self.isDigit(byte) { index += 1 }
        }
        if current == UInt8(ascii: ".") {
            index += 1
            guard let byte = current, Self.isDigit(byte) else { throw error("expected a digit after '.'") }
            while let byte = current, Self.isDigit(byte) { index += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard let byte = current, Self.isDigit(byte) else { throw error("expected a digit in exponent") }
            while let byte = current, Self.isDigit(byte) { index += 1 }
        }
        return start..<index
    }

    /// The string literal at the cursor (a quote), checked whole: escapes, surrogate pairs, control characters,
    /// UTF-8 and the length limit. Its decoded text when `decode`, otherwise `nil` and no allocation.
    mutating func scanString(decode: Bool) throws(JSONSyntaxError) -> String? {
        let open = index
        index += 1
        let contentStart = index
        var runStart = index
        var length = 0
        var decoded: [UInt8] = []
        var escaped = false
        var seen: UInt8 = 0  // every byte of the content OR-ed: below 0x80 when it is all ASCII
        while true {
            guard index < bytes.count else { throw error("unterminated string", at: open) }
            let byte = bytes[index]
            seen |= byte
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                if decode { decoded.append(contentsOf: bytes[runStart..<index]) }
                length += index - runStart
                escaped = true
                let scalar = try scanEscape()
                length += UTF8.width(scalar)
                if decode { decoded.append(contentsOf: UTF8.encode(scalar)!) }
                runStart = index
                continue
            }
            guard byte >= 0x20 else {
                throw error("control character U+00\(Self.hex(byte)) in a string; escape it as \\u00\(Self.hex(byte))")
            }
            index += 1
        }
        let end = index
        length += end - runStart
        guard length <= limits.maximumStringLength else {
            throw error("a string of \(length) bytes, more than \(limits.maximumStringLength) (maximumStringLength)",
                at: open, limit: .maximumStringLength)
        }
        // Escapes are ASCII and no UTF-8 sequence contains `\`, so validating the raw content validates the text;
        // ASCII content (every SNAP name and nearly every value) is valid without a second pass over it.
        if seen >= 0x80, let bad = Self.firstInvalidUTF8(bytes, contentStart..<end) {
            throw error("invalid UTF-8 (byte 0x\(Self.hex(bytes[bad]))) in a string", at: bad)
        }
        index = end + 1
        guard decode else { return nil }
        guard escaped else { return String(decoding: bytes[contentStart..<end], as: UTF8.self) }
        decoded.append(contentsOf: bytes[runStart..<end])
        return String(decoding: decoded, as: UTF8.self)
    }

    /// The escape at the cursor (a backslash); a `\u` high surrogate must be followed by an escaped low one.
    private mutating func scanEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        let start = index
        index += 1
        guard let byte = current else { throw error("unterminated escape", at: start) }
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try scanHex4()
            if (0xD800..<0xDC00).contains(unit) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw error("a high surrogate escape not followed by a low surrogate escape", at: start) }
                index += 2
                let low = try scanHex4()
                guard (0xDC00..<0xE000).contains(low) else {
                    throw error("a high surrogate escape followed by an escape that is not a low surrogate", at: start)
                }
                return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!
            }
            guard let scalar = Unicode.Scalar(unit) else { throw error("a lone low surrogate escape", at: start) }
            return scalar
        default:
            throw error("invalid escape '\\\(Self.printable(byte))'", at: start)
        }
    }

    private mutating func scanHex4() throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current else { throw error("truncated \\u escape") }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid hex digit in \\u escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// The offset of the first byte that does not begin a well-formed UTF-8 sequence (Unicode 15 table 3-7:
    /// no overlong forms, no surrogates, nothing above U+10FFFF).
    static func firstInvalidUTF8(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let trailing: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: trailing = 1
            case 0xE0: trailing = 2; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: trailing = 2
            case 0xED: trailing = 2; high = 0x9F
            case 0xF0: trailing = 3; low = 0x90
            case 0xF1...0xF3: trailing = 3
            case 0xF4: trailing = 3; high = 0x8F
            default: return index
            }
            guard index + trailing < end, (low...high).contains(bytes[index + 1]) else { return index }
            for offset in stride(from: 2, through: trailing, by: 1) where !(0x80...0xBF).contains(bytes[index + offset]) {
                return index
            }
            index += trailing + 1
        }
        return nil
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    static func printable(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? String(UnicodeScalar(byte)) : "\\x" + hex(byte)
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
    }
}
