/// Base16 (RFC 4648 §8): SNAP's string-to-sign carries the request body's SHA-256 as lowercase hex.
public enum Hex {
    /// Encodes `bytes` as lowercase hexadecimal, two characters per byte.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Encodes `bytes` as lowercase hexadecimal: the common case (a digest), written straight into the string's
    /// storage rather than through the generic collection path, which is not specialised across modules.
    public static func encode(_ bytes: [UInt8]) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { output in
            let alphabet: StaticString = "0123456789abcdef"
            let digits = alphabet.utf8Start
            var index = 0
            for byte in bytes {
                output[index] = digits[Int(byte >> 4)]
                output[index + 1] = digits[Int(byte & 0x0f)]
                index += 2
            }
            return index
        }
    }

    /// Decodes hexadecimal in either case.
    ///
    /// Returns `nil` for an odd number of characters or any character that is not a hex digit (no whitespace,
    /// separators or `0x` prefix).
    public static func decode(_ text: String) -> [UInt8]? {
        let utf8 = text.utf8
        guard utf8.count % 2 == 0 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count / 2)
        var high: UInt8?
        for character in utf8 {
            guard let nibble = value(of: character) else { return nil }
            if let pending = high {
                output.append(pending << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return output
    }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func value(of character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
