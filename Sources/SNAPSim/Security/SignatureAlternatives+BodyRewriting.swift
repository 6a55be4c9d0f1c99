import SimJSON

/// The body as partners' JSON libraries may have re-written it before signing: `/` escaped (PHP), non-ASCII
/// escaped (Python). Byte-level rewrites of the minified body; only used after a failure.
extension SignatureAlternatives {
    static func escapingSlashes(_ bytes: [UInt8]) -> [UInt8] {
        // In JSON `/` can only occur inside strings, so every one is escaped.
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        for byte in bytes {
            if byte == UInt8(ascii: "/") { output.append(UInt8(ascii: "\\")) }
            output.append(byte)
        }
        return output
    }

    static func unescapingSlashes(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                if bytes[index + 1] == UInt8(ascii: "/") {
                    output.append(UInt8(ascii: "/"))
                } else {
                    output.append(bytes[index])
                    output.append(bytes[index + 1])
                }
                index += 2
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output
    }

    /// Non-ASCII scalars as `\uXXXX` (surrogate pairs above the BMP), lower-case hex as Python writes them.
    static func escapingNonASCII(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            guard !scalar.isASCII else {
                output.append(UInt8(scalar.value))
                continue
            }
            var units: [UInt32] = [scalar.value]
            if scalar.value > 0xFFFF {
                let value = scalar.value - 0x10000
                units = [0xD800 + (value >> 10), 0xDC00 + (value & 0x3FF)]
            }
            for unit in units {
                output.append(contentsOf: "\\u".utf8)
                let hex = String(unit, radix: 16)
                output.append(contentsOf: String(repeating: "0", count: 4 - hex.count).utf8)
                output.append(contentsOf: hex.utf8)
            }
        }
        return output
    }
}
