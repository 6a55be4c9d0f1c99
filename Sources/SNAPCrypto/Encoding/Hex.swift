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
        var text = text
        return text.withUTF8 { decode(utf8: $0) }
    }

    /// Decodes hexadecimal UTF-8 bytes, with the rules of ``decode(_:)``.
    ///
    /// Every signed SNAP request tries its `X-SIGNATURE` as hex too (usually Base64, so not hex): the input is
    /// checked before anything is allocated, and decoded in one pass on raw memory.
    public static func decode(utf8 input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard input.count % 2 == 0 else { return nil }
        for character in input where value(of: character) == nil { return nil }
        return [UInt8](unsafeUninitializedCapacity: input.count / 2) { output, written in
            for index in 0..<(input.count / 2) {
                output[index] = value(of: input[2 * index]).unsafelyUnwrapped << 4
                    | value(of: input[2 * index + 1]).unsafelyUnwrapped
            }
            written = input.count / 2
        }
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
