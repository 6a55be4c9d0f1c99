import SimJSON

/// SNAP's `minify(body)`: the received bytes without insignificant whitespace.
///
/// Partners' SDKs sign compact JSON and send spaced JSON (snap.md §3d, §7), so the simulator hashes the body
/// with whitespace outside strings removed. It never re-serialises: key order, number text and escapes stay
/// exactly as sent, because re-encoding would change what the partner signed.
public enum JSONMinifier {
    /// The bytes SNAP hashes for `body`: minified when `body` is JSON, otherwise the raw bytes unchanged.
    ///
    /// A body that is not JSON cannot be minified meaningfully (a stray quote would flip what counts as
    /// "inside a string"), so it is hashed as received.
    public static func minify(_ body: [UInt8]) -> [UInt8] {
        let stripped = stripWhitespace(body)
        // Already compact (the common case for well-behaved partners): nothing to validate.
        guard stripped.count != body.count else { return body }
        return isJSON(body) ? stripped : body
    }

    /// Whether `body` is one well-formed JSON document.
    public static func isJSON(_ body: [UInt8]) -> Bool {
        (try? JSONParser.parse(body)) != nil
    }

    /// Removes JSON whitespace (space, tab, CR, LF; RFC 8259 §2) outside string literals, whatever the bytes are.
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
