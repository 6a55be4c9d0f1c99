/// Byte constants and character classes shared by the parser and the encoder, so neither converts to `String`
/// just to look at a byte.
enum ASCII {
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let colon = UInt8(ascii: ":")
    static let semicolon = UInt8(ascii: ";")
    static let comma = UInt8(ascii: ",")
    static let slash = UInt8(ascii: "/")
    static let dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0")

    /// `tchar` from RFC 9110 §5.6.2: the characters of methods, field names and transfer codings.
    @inline(__always)
    static func isTokenChar(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E: true
        default: false
        }
    }

    /// `field-vchar / SP / HTAB` from RFC 9110 §5.5: visible ASCII, obs-text and blanks, no other controls.
    @inline(__always)
    static func isFieldValueChar(_ byte: UInt8) -> Bool {
        byte == tab || (byte >= 0x20 && byte != 0x7F)
    }

    /// Whether every byte of `bytes[range]` is ``isFieldValueChar(_:)``.
    ///
    /// Eight bytes at a time while none is a control or DEL (the usual header value, signatures and tokens
    /// included), byte by byte from the first word that may hold one (a tab is allowed): every header of every
    /// request passes here.
    static func areFieldValueChars(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var index = range.lowerBound
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            while index + 8 <= range.upperBound {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                // Some byte below 0x20 (obs-text, 0x80 and above, is excluded by `~word`), or some byte 0x7F.
                let control = (word &- ones &* 0x20) & ~word & highs
                let delete = word ^ (ones &* 0x7F)
                if control | ((delete &- ones) & ~delete & highs) != 0 { break }
                index += 8
            }
        }
        while index < range.upperBound {
            guard isFieldValueChar(bytes[index]) else { return false }
            index += 1
        }
        return true
    }

    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39
    }

    @inline(__always)
    static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: Int(byte &- 0x30)
        case 0x41...0x46: Int(byte &- 0x41 &+ 10)
        case 0x61...0x66: Int(byte &- 0x61 &+ 10)
        default: nil
        }
    }

    /// Whether `bytes[range]` equals `lowercased` ignoring ASCII case; `lowercased` must be lowercase ASCII.
    @inline(__always)
    static func equalsIgnoringCase(
        _ bytes: UnsafeBufferPointer<UInt8>,
        _ range: Range<Int>,
        _ lowercased: StaticString
    ) -> Bool {
        guard range.count == lowercased.utf8CodeUnitCount else { return false }
        let expected = lowercased.utf8Start
        var offset = 0
        for index in range {
            let byte = bytes[index]
            // Folding with 0x20 maps only letters onto their lowercase form; the expected side is
            // already lowercase, so a non-letter can only match itself.
            let folded = (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
            guard folded == expected[offset] else { return false }
            offset += 1
        }
        return true
    }

    /// The range with leading and trailing SP/HTAB removed (optional whitespace, RFC 9110 §5.6.3).
    @inline(__always)
    static func trimmingWhitespace(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isWhitespace(bytes[lower]) { lower += 1 }
        while upper > lower, isWhitespace(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }
}
