/// A bounds-checked cursor over DER-encoded bytes (ITU-T X.690 §8 and §10), just enough for RSA key structures.
///
/// Every read validates the tag, the length form and that the claimed length fits in what remains, and throws
/// a ``KeyError`` naming the field and absolute byte offset otherwise; nothing here can trap on hostile input.
struct DERReader {
    /// Universal tags used by the RSA key formats.
    enum Tag {
        static let integer: UInt8 = 0x02
        static let bitString: UInt8 = 0x03
        static let octetString: UInt8 = 0x04
        static let null: UInt8 = 0x05
        static let objectIdentifier: UInt8 = 0x06
        static let sequence: UInt8 = 0x30
    }

    private let bytes: [UInt8]
    /// Absolute offset of the next unread byte.
    private(set) var position: Int
    /// Absolute offset one past the last byte this reader may consume.
    private let end: Int

    /// Creates a reader over all of `bytes`.
    init(_ bytes: [UInt8]) {
        self.init(bytes, range: 0..<bytes.count)
    }

    private init(_ bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        position = range.lowerBound
        end = range.upperBound
    }

    /// Whether every byte has been consumed.
    var isAtEnd: Bool { position >= end }

    /// The tag of the next element, if any.
    var nextTag: UInt8? { isAtEnd ? nil : bytes[position] }

    /// Reads one element with tag `expected` and returns a reader over its contents.
    ///
    /// - Parameter field: Names the element in error messages, e.g. `"RSAPublicKey.modulus"`.
    mutating func readElement(tag expected: UInt8, field: String) throws(KeyError) -> DERReader {
        let start = position
        guard position < end else {
            throw KeyError(.invalidDER, "truncated DER at offset \(position): \(field) is missing")
        }
        let tag = bytes[position]
        guard tag == expected else {
            throw KeyError(
                .invalidDER,
                "unexpected tag 0x\(Hex.encode([tag])) at offset \(start) for \(field) "
                    + "(expected 0x\(Hex.encode([expected])))"
            )
        }
        position += 1
        let length = try readLength(field: field)
        guard length <= end - position else {
            throw KeyError(
                .invalidDER,
                "truncated DER at offset \(start): \(field) needs \(length) bytes, \(end - position) remain"
            )
        }
        let contents = DERReader(bytes, range: position..<(position + length))
        position += length
        return contents
    }

    /// Reads the definite length that follows a tag (X.690 §8.1.3, with the DER minimality rule of §10.1).
    private mutating func readLength(field: String) throws(KeyError) -> Int {
        guard position < end else {
            throw KeyError(.invalidDER, "truncated DER at offset \(position): length of \(field) is missing")
        }
        let first = bytes[position]
        position += 1
        if first < 0x80 { return Int(first) }
        let lengthByteCount = Int(first & 0x7f)
        guard lengthByteCount != 0 else {
            throw KeyError(.invalidDER, "indefinite length at offset \(position - 1) for \(field) is not DER")
        }
        // Four length bytes already describe 4 GiB; anything longer cannot be a key.
        guard lengthByteCount <= 4 else {
            throw KeyError(.invalidDER, "length of \(field) at offset \(position - 1) uses \(lengthByteCount) bytes")
        }
        guard lengthByteCount <= end - position else {
            throw KeyError(.invalidDER, "truncated DER at offset \(position): length of \(field) is cut short")
        }
        var length = 0
        for _ in 0..<lengthByteCount {
            length = length << 8 | Int(bytes[position])
            position += 1
        }
        guard length >= 0x80, length >> (8 * (lengthByteCount - 1)) != 0 else {
            throw KeyError(
                .invalidDER, "non-minimal length encoding for \(field) at offset \(position - lengthByteCount - 1)")
        }
        return length
    }

    /// Reads a non-negative INTEGER as a ``BigUInt``.
    ///
    /// Redundant leading zero bytes are tolerated (some older tools emit them); negative values are not, because
    /// no RSA key component is negative.
    mutating func readUnsignedInteger(field: String) throws(KeyError) -> BigUInt {
        let start = position
        let contents = try readElement(tag: Tag.integer, field: field)
        let value = contents.remainingBytes
        guard let first = value.first else {
            throw KeyError(.invalidDER, "empty INTEGER for \(field) at offset \(start)")
        }
        guard first & 0x80 == 0 else {
            throw KeyError(.invalidKey, "\(field) is negative")
        }
        return BigUInt(bigEndianBytes: value)
    }

    /// Reads a small non-negative INTEGER such as a version number; `nil` if it does not fit in an `Int`.
    mutating func readSmallInteger(field: String) throws(KeyError) -> Int? {
        let value = try readUnsignedInteger(field: field)
        guard value.limbs.count <= 1 else { return nil }
        let limb = value.limbs.first ?? 0
        return limb <= UInt64(Int.max) ? Int(limb) : nil
    }

    /// Reads an OBJECT IDENTIFIER and returns its content octets (compare against ``ObjectIdentifier`` constants).
    mutating func readObjectIdentifier(field: String) throws(KeyError) -> [UInt8] {
        let start = position
        let contents = try readElement(tag: Tag.objectIdentifier, field: field).remainingBytes
        guard !contents.isEmpty, let last = contents.last, last & 0x80 == 0 else {
            throw KeyError(.invalidDER, "malformed OBJECT IDENTIFIER for \(field) at offset \(start)")
        }
        return Array(contents)
    }

    /// Reads a NULL, which must be empty.
    mutating func readNull(field: String) throws(KeyError) {
        let start = position
        let contents = try readElement(tag: Tag.null, field: field)
        guard contents.isAtEnd else {
            throw KeyError(.invalidDER, "NULL with contents for \(field) at offset \(start)")
        }
    }

    /// Reads an OCTET STRING and returns its contents.
    mutating func readOctetString(field: String) throws(KeyError) -> [UInt8] {
        Array(try readElement(tag: Tag.octetString, field: field).remainingBytes)
    }

    /// Reads a BIT STRING that must be a whole number of bytes, as key encodings are (X.690 §8.6).
    mutating func readByteAlignedBitString(field: String) throws(KeyError) -> [UInt8] {
        let start = position
        let contents = try readElement(tag: Tag.bitString, field: field).remainingBytes
        guard let unusedBits = contents.first else {
            throw KeyError(.invalidDER, "empty BIT STRING for \(field) at offset \(start)")
        }
        guard unusedBits == 0 else {
            throw KeyError(.invalidDER, "BIT STRING for \(field) at offset \(start) is not byte-aligned")
        }
        return Array(contents.dropFirst())
    }

    /// Skips one element of any tag.
    mutating func skipElement(field: String) throws(KeyError) {
        guard let tag = nextTag else {
            throw KeyError(.invalidDER, "truncated DER at offset \(position): \(field) is missing")
        }
        _ = try readElement(tag: tag, field: field)
    }

    /// Throws unless every byte has been consumed; `structure` names what should have ended.
    func expectEnd(of structure: String) throws(KeyError) {
        guard isAtEnd else {
            throw KeyError(.invalidDER, "unexpected data at offset \(position) after the end of \(structure)")
        }
    }

    /// The unread bytes.
    var remainingBytes: ArraySlice<UInt8> { bytes[position..<end] }
}
