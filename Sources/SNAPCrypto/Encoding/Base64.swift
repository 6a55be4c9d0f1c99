/// Base64 with the standard alphabet and `=` padding (RFC 4648 §4), as used for SNAP signatures and PEM bodies.
public enum Base64 {
    /// Encodes `bytes` as padded Base64 on a single line.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var iterator = bytes.makeIterator()
        while let first = iterator.next() {
            let second = iterator.next()
            let third = iterator.next()
            let group = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
            output.append(alphabet[Int(group >> 18)])
            output.append(alphabet[Int(group >> 12 & 0x3f)])
            output.append(second == nil ? padding : alphabet[Int(group >> 6 & 0x3f)])
            output.append(third == nil ? padding : alphabet[Int(group & 0x3f)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes padded Base64, ignoring ASCII whitespace (spaces, tabs, CR and LF) anywhere in `text`.
    ///
    /// Returns `nil` for characters outside the standard alphabet, missing or misplaced `=` padding, and a total
    /// length that is not a multiple of four. Non-zero bits in the last character before the padding are
    /// tolerated (RFC 4648 §3.5 leaves that to the decoder), as OpenSSL and Foundation do.
    public static func decode(_ text: String) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count / 4 * 3)
        var group: UInt32 = 0
        var groupCount = 0
        var paddingCount = 0
        for character in text.utf8 {
            let value = decodingTable[Int(character)]
            if value == whitespace { continue }
            if character == padding {
                // Padding may only complete the final quantum: "xx==" or "xxx=".
                guard groupCount + paddingCount >= 2 else { return nil }
                paddingCount += 1
                guard groupCount + paddingCount <= 4 else { return nil }
                continue
            }
            guard value != invalid, paddingCount == 0 else { return nil }
            group = group << 6 | UInt32(value)
            groupCount += 1
            if groupCount == 4 {
                output.append(UInt8(truncatingIfNeeded: group >> 16))
                output.append(UInt8(truncatingIfNeeded: group >> 8))
                output.append(UInt8(truncatingIfNeeded: group))
                group = 0
                groupCount = 0
            }
        }
        switch (groupCount, paddingCount) {
        case (0, 0):
            return output
        case (2, 2):
            output.append(UInt8(truncatingIfNeeded: group >> 4))
            return output
        case (3, 1):
            output.append(UInt8(truncatingIfNeeded: group >> 10))
            output.append(UInt8(truncatingIfNeeded: group >> 2))
            return output
        default:
            return nil
        }
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let padding = UInt8(ascii: "=")
    private static let invalid: UInt8 = 0xff
    private static let whitespace: UInt8 = 0xfe

    /// Maps every byte to its 6-bit value, ``whitespace`` or ``invalid``.
    private static let decodingTable: [UInt8] = {
        var table = [UInt8](repeating: invalid, count: 256)
        for (value, character) in alphabet.enumerated() {
            table[Int(character)] = UInt8(value)
        }
        for character in [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n")] {
            table[Int(character)] = whitespace
        }
        return table
    }()
}
