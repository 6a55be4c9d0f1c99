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
    public static func minify(_ body: [UInt8]) -> [UInt8] {
        (try? JSONScanner.minify(body, limits: JSONScanner.grammarOnly, duplicates: .lastWins)) ?? body
    }

    /// Whether `body` is one grammatically well-formed JSON document (limits and duplicates aside).
    public static func isJSON(_ body: [UInt8]) -> Bool {
        (try? JSONScanner.validate(body, limits: JSONScanner.grammarOnly, duplicates: .lastWins)) != nil
    }

    /// Removes JSON whitespace outside string literals whatever the bytes are: how a partner may have hashed a body
    /// that is not JSON, which the signature diagnosis tries.
    /// Whether ``stripWhitespace(_:)`` would remove anything, without writing the stripped copy.
    static func hasWhitespaceOutsideStrings(_ body: [UInt8]) -> Bool {
        var inString = false
        var escaped = false
        for byte in body {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: return true
            case UInt8(ascii: "\""): inString = true
            default: break
            }
        }
        return false
    }

    static func stripWhitespace(_ body: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(body.count)
        var inString = false
        var escaped = false
        for byte in body {
            if inString {
                output.append(byte)
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case UInt8(ascii: "\""): inString = true
            default: break
            }
            output.append(byte)
        }
        return output
    }
}
