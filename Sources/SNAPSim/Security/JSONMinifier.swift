import SimJSON

/// SNAP's `minify(body)`: the received bytes without insignificant whitespace.
///
/// Partners' SDKs sign compact JSON and send spaced JSON (snap.md §3d, §7), so the simulator hashes the body
/// with whitespace outside strings removed. It never re-serialises: key order, number text and escapes stay
/// exactly as sent, because re-encoding would change what the partner signed.
public enum JSONMinifier {
    /// The bytes SNAP hashes for `body`: minified when `body` is JSON, otherwise the raw bytes unchanged.
    ///
    /// One validating pass of ``JSONScanner`` minifies and checks at once, with no tree. It checks grammar only:
    /// a body past a size limit or with a duplicate member still hashes as the partner signed it, so the partner
    /// is told about the limit or the duplicate when the body is read, not about a signature it got right.
    /// A body that is not JSON cannot be minified meaningfully (a stray quote would flip what counts as
    /// "inside a string"), so it is hashed as received.
    ///
    /// A body with no whitespace outside its strings (what nearly every client sends) is its own minified form
    /// whether or not it is JSON, so it is returned without the validating pass: in valid JSON the naive
    /// tracker's strings are the grammar's strings, and a body that is not JSON is hashed as received anyway.
    public static func minify(_ body: [UInt8]) -> [UInt8] {
        guard hasWhitespaceOutsideStrings(body) else { return body }
        return (try? JSONScanner.minify(body, limits: JSONScanner.grammarOnly, duplicates: .lastWins)) ?? body
    }

    /// Whether `body` is one grammatically well-formed JSON document (limits and duplicates aside).
    public static func isJSON(_ body: [UInt8]) -> Bool {
        (try? JSONScanner.validate(body, limits: JSONScanner.grammarOnly, duplicates: .lastWins)) != nil
    }

    /// Whether ``stripWhitespace(_:)`` would remove anything, without writing the stripped copy.
    static func hasWhitespaceOutsideStrings(_ body: [UInt8]) -> Bool {
        // Over raw memory: every signed request's body passes here.
        body.withUnsafeBufferPointer { bytes in
            // Whitespace is at most 0x20: a body with no such byte at all (nearly every one) has none, which
            // eight bytes at a time settle for a fraction of the literal tracker's cost per byte.
            guard hasSpaceOrControl(bytes) else { return false }
            var literals = StringLiterals()
            return bytes.contains { literals.isOutside($0) && isWhitespace($0) }
        }
    }

    /// Whether any byte of `bytes` is at most 0x20 (a space or a control byte).
    private static func hasSpaceOrControl(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var index = 0
        while index + 8 <= bytes.count {
            // "Has a byte less than 0x21": exact as an existence test (the classic bit trick).
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if (word &- ones &* 0x21) & ~word & highs != 0 { return true }
            index += 8
        }
        while index < bytes.count {
            if base[index] <= 0x20 { return true }
            index += 1
        }
        return false
    }

    /// Removes JSON whitespace outside string literals whatever the bytes are: how a partner may have hashed a body
    /// that is not JSON, which the signature diagnosis tries, and how SmilePayz partners sign.
    static func stripWhitespace(_ body: [UInt8]) -> [UInt8] {
        var literals = StringLiterals()
        return body.filter { !(literals.isOutside($0) && isWhitespace($0)) }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Follows string literals byte by byte, as a naive whitespace stripper does (quotes and escapes, no grammar).
    private struct StringLiterals {
        private var inString = false
        private var escaped = false

        /// Whether `byte` lies outside every string literal (an opening quote does, a closing one does not).
        mutating func isOutside(_ byte: UInt8) -> Bool {
            guard inString else {
                if byte == UInt8(ascii: "\"") { inString = true }
                return true
            }
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                inString = false
            }
            return false
        }
    }
}
