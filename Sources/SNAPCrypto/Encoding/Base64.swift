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

    /// Encodes `bytes` (a signature, a digest) straight into the string's storage: the generic collection path
    /// above is not specialised across modules and costs a witness call per byte.
    public static func encode(_ bytes: [UInt8]) -> String {
        String(unsafeUninitializedCapacity: (bytes.count + 2) / 3 * 4) { output in
            let table: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
            let digits = table.utf8Start
            var index = 0
            var position = 0
            while position < bytes.count {
                let second = position + 1 < bytes.count ? bytes[position + 1] : nil
                let third = position + 2 < bytes.count ? bytes[position + 2] : nil
                let group = UInt32(bytes[position]) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
                output[index] = digits[Int(group >> 18)]
                output[index + 1] = digits[Int(group >> 12 & 0x3f)]
                output[index + 2] = second == nil ? padding : digits[Int(group >> 6 & 0x3f)]
                output[index + 3] = third == nil ? padding : digits[Int(group & 0x3f)]
                index += 4
                position += 3
            }
            return index
        }
    }

    /// Decodes padded Base64, ignoring ASCII whitespace (spaces, tabs, CR and LF) anywhere in `text`.
    ///
    /// Returns `nil` for characters outside the standard alphabet, missing or misplaced `=` padding, and a total
    /// length that is not a multiple of four. Non-zero bits in the last character before the padding are
    /// tolerated (RFC 4648 §3.5 leaves that to the decoder), as OpenSSL and Foundation do.
    public static func decode(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { decode(utf8: $0) }
    }

    /// Decodes padded Base64 from UTF-8 bytes, with the rules of ``decode(_:)``.
    ///
    /// Every signed SNAP request decodes its `X-SIGNATURE`, so this works on raw memory: the output is written
    /// into its final array in one pass, without a capacity check per byte.
    public static func decode(utf8 input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        decodingTable.withUnsafeBufferPointer { table in
            var valid = false
            // Every 4 characters give at most 3 bytes; a final padded quantum gives at most 2.
            let bytes = [UInt8](unsafeUninitializedCapacity: input.count / 4 * 3 + 3) { output, written in
                var count = 0
                var group: UInt32 = 0
                var groupCount = 0
                var paddingCount = 0
                // Whole quanta of four alphabet characters first (all of a signature but its padded end): one
                // test per quantum; whitespace, padding or an invalid character leaves the rest to the loop below,
                // which starts in the state this one leaves (no partial quantum).
                var position = 0
                while position + 4 <= input.count {
                    let first = table[Int(input[position])]
                    let second = table[Int(input[position + 1])]
                    let third = table[Int(input[position + 2])]
                    let fourth = table[Int(input[position + 3])]
                    guard (first | second | third | fourth) & 0xC0 == 0 else { break }
                    let quantum = UInt32(first) << 18 | UInt32(second) << 12 | UInt32(third) << 6 | UInt32(fourth)
                    output[count] = UInt8(truncatingIfNeeded: quantum >> 16)
                    output[count + 1] = UInt8(truncatingIfNeeded: quantum >> 8)
                    output[count + 2] = UInt8(truncatingIfNeeded: quantum)
                    count += 3
                    position += 4
                }
                for character in UnsafeBufferPointer(rebasing: input[position...]) {
                    let value = table[Int(character)]
                    if value == whitespace { continue }
                    if character == padding {
                        // Padding may only complete the final quantum: "xx==" or "xxx=".
                        guard groupCount + paddingCount >= 2 else { return }
                        paddingCount += 1
                        guard groupCount + paddingCount <= 4 else { return }
                        continue
                    }
                    guard value != invalid, paddingCount == 0 else { return }
                    group = group << 6 | UInt32(value)
                    groupCount += 1
                    if groupCount == 4 {
                        output[count] = UInt8(truncatingIfNeeded: group >> 16)
                        output[count + 1] = UInt8(truncatingIfNeeded: group >> 8)
                        output[count + 2] = UInt8(truncatingIfNeeded: group)
                        count += 3
                        group = 0
                        groupCount = 0
                    }
                }
                switch (groupCount, paddingCount) {
                case (0, 0):
                    break
                case (2, 2):
                    output[count] = UInt8(truncatingIfNeeded: group >> 4)
                    count += 1
                case (3, 1):
                    output[count] = UInt8(truncatingIfNeeded: group >> 10)
                    output[count + 1] = UInt8(truncatingIfNeeded: group >> 2)
                    count += 2
                default:
                    return
                }
                written = count
                valid = true
            }
            return valid ? bytes : nil
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
