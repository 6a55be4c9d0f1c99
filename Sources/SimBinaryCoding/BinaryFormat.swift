/// The byte layout shared by ``BinaryEncoder`` and ``BinaryDecoder`` (described in full in README.md).
///
/// A document is `SBC1`, one value, the key table, and the key table's offset (8 bytes LE). A value is a tag
/// byte and its payload; containers carry their byte length (4 bytes LE) so a reader can skip them unread.
enum BinaryTag: UInt8 {
    case null = 0
    case falseValue = 1
    case trueValue = 2
    /// A signed integer, zigzag then LEB128.
    case signed = 3
    /// An unsigned integer, LEB128.
    case unsigned = 4
    /// IEEE 754 binary64, 8 bytes LE.
    case double = 5
    /// IEEE 754 binary32, 4 bytes LE.
    case float = 6
    /// UTF-8: LEB128 length, bytes.
    case string = 7
    /// Raw bytes (`[UInt8]`, `Data`): LEB128 length, bytes.
    case bytes = 8
    /// Keyed container: body length (4 bytes LE), then per entry a key reference and a value.
    case keyed = 9
    /// Unkeyed container: body length (4 bytes LE), element count (4 bytes LE), then the elements.
    case unkeyed = 10
    /// Raw bytes kept apart from the document (``BinaryEncoder/externalThreshold``): LEB128 index into the list
    /// of byte arrays that travels with the document.
    case external = 11
}

enum BinaryFormat {
    static let magic: [UInt8] = Array("SBC1".utf8)
    /// Keys the table interns at most; later new keys are written inline (a dictionary's many keys would
    /// otherwise fill the table with names used once).
    static let keyTableLimit = 4096
    /// Nesting deeper than this is refused when decoding (a damaged document cannot exhaust the stack).
    static let maximumDepth = 512
}

extension Array where Element == UInt8 {
    @inline(__always)
    mutating func appendVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        append(UInt8(value))
    }

    @inline(__always)
    mutating func appendFixed32(_ value: UInt32) {
        append(UInt8(truncatingIfNeeded: value))
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value >> 16))
        append(UInt8(truncatingIfNeeded: value >> 24))
    }

    @inline(__always)
    mutating func setFixed32(_ value: UInt32, at offset: Int) {
        self[offset] = UInt8(truncatingIfNeeded: value)
        self[offset + 1] = UInt8(truncatingIfNeeded: value >> 8)
        self[offset + 2] = UInt8(truncatingIfNeeded: value >> 16)
        self[offset + 3] = UInt8(truncatingIfNeeded: value >> 24)
    }

    @inline(__always)
    mutating func appendUTF8(_ string: String) {
        var string = string
        string.withUTF8 { utf8 in
            appendVarint(UInt64(utf8.count))
            append(contentsOf: utf8)
        }
    }
}

@inline(__always)
func zigzag(_ value: Int64) -> UInt64 {
    UInt64(bitPattern: (value << 1) ^ (value >> 63))
}

@inline(__always)
func unzigzag(_ value: UInt64) -> Int64 {
    Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
}
