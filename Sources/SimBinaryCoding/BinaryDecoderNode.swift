import Foundation

/// The `Decoder` of one value (its bytes are `offset..<end`); its coding path is computed only when asked for.
final class BinaryDecoderNode: Decoder {
    let reader: BinaryReader
    let offset: Int
    let end: Int
    let parent: BinaryDecoderNode?
    let key: (any CodingKey)?
    let depth: Int

    init(_ reader: BinaryReader, offset: Int, end: Int, parent: BinaryDecoderNode?, key: (any CodingKey)?) {
        self.reader = reader
        self.offset = offset
        self.end = end
        self.parent = parent
        self.key = key
        self.depth = (parent?.depth ?? 0) + 1
    }

    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var node: BinaryDecoderNode? = self
        while let current = node {
            if let key = current.key { path.append(key) }
            node = current.parent
        }
        return path.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { reader.userInfo }

    var tag: UInt8 { reader.bytes[offset] }

    func mismatch<T>(_ type: T.Type, _ expected: String, path: [any CodingKey]? = nil) -> DecodingError {
        let found = BinaryTag(rawValue: tag).map { "\($0)" } ?? "tag \(tag)"
        return .typeMismatch(type, .init(codingPath: path ?? codingPath, debugDescription: "expected \(expected), found \(found)"))
    }

    /// Decodes the value: raw bytes for `[UInt8]` and `Data`, otherwise through `init(from:)`.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        guard depth <= BinaryFormat.maximumDepth else {
            throw BinaryReader.corrupted(codingPath, "nested deeper than \(BinaryFormat.maximumDepth) levels")
        }
        if T.self == [UInt8].self { return try rawBytes() as! T }
        if T.self == Data.self { return Data(try rawBytes()) as! T }
        return try T(from: self)
    }

    private func rawBytes() throws -> [UInt8] {
        var position = offset + 1
        if tag == BinaryTag.external.rawValue {
            let index = try reader.varint(&position, end: end, path: codingPath)
            guard index < UInt64(reader.external.count) else {
                throw BinaryReader.corrupted(
                    codingPath, "raw bytes kept apart as number \(index) are missing (\(reader.external.count) came with the document)")
            }
            return reader.external[Int(index)]
        }
        guard tag == BinaryTag.bytes.rawValue else { throw mismatch([UInt8].self, "bytes") }
        let length = Int(try reader.varint(&position, end: end, path: codingPath))
        return Array(reader.bytes[position..<(position + length)])
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard tag == BinaryTag.keyed.rawValue else { throw mismatch([String: Any].self, "a keyed container") }
        return KeyedDecodingContainer(try BinaryKeyedDecoding<Key>(node: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard tag == BinaryTag.unkeyed.rawValue else { throw mismatch([Any].self, "an unkeyed container") }
        return try BinaryUnkeyedDecoding(node: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        BinarySingleValueDecoding(node: self)
    }

    // MARK: - Scalars of this value

    var isNil: Bool { tag == BinaryTag.null.rawValue }
    func bool() throws -> Bool { try reader.bool(offset, path: codingPath) }
    func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I { try reader.integer(type, offset, end, path: codingPath) }
    func double() throws -> Double { try reader.double(offset, path: codingPath) }
    func float() throws -> Float { try reader.float(offset, path: codingPath) }
    func string() throws -> String { try reader.string(offset, end, path: codingPath) }
}

/// Scalars read in place (a value's bytes are `offset..<end`, already checked to hold the whole value), so a
/// container reads a field without making a decoder for it.
extension BinaryReader {
    func mismatch<T>(_ type: T.Type, _ expected: String, _ offset: Int, path: [any CodingKey]) -> DecodingError {
        let found = BinaryTag(rawValue: bytes[offset]).map { "\($0)" } ?? "tag \(bytes[offset])"
        return .typeMismatch(type, .init(codingPath: path, debugDescription: "expected \(expected), found \(found)"))
    }

    @inline(__always)
    func bool(_ offset: Int, path: @autoclosure () -> [any CodingKey]) throws -> Bool {
        switch bytes[offset] {
        case BinaryTag.trueValue.rawValue: return true
        case BinaryTag.falseValue.rawValue: return false
        default: throw mismatch(Bool.self, "a Bool", offset, path: path())
        }
    }

    @inline(__always)
    func integer<I: FixedWidthInteger>(_ type: I.Type, _ offset: Int, _ end: Int, path: @autoclosure () -> [any CodingKey]) throws -> I {
        var position = offset + 1
        let tag = bytes[offset]
        guard tag == BinaryTag.signed.rawValue || tag == BinaryTag.unsigned.rawValue else {
            throw mismatch(type, "an integer", offset, path: path())
        }
        let raw = try varint(&position, end: end, path: path())
        guard let value = tag == BinaryTag.signed.rawValue ? I(exactly: unzigzag(raw)) : I(exactly: raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: path(), debugDescription: "the number does not fit \(type)"))
        }
        return value
    }

    func double(_ offset: Int, path: @autoclosure () -> [any CodingKey]) throws -> Double {
        switch bytes[offset] {
        case BinaryTag.double.rawValue:
            var bits: UInt64 = 0
            for index in 0..<8 { bits |= UInt64(bytes[offset + 1 + index]) << UInt64(index * 8) }
            return Double(bitPattern: bits)
        case BinaryTag.float.rawValue:
            return Double(Float(bitPattern: fixed32(at: offset + 1)))
        default:
            throw mismatch(Double.self, "a floating-point number", offset, path: path())
        }
    }

    func float(_ offset: Int, path: @autoclosure () -> [any CodingKey]) throws -> Float {
        guard bytes[offset] == BinaryTag.float.rawValue else {
            let value = try double(offset, path: path())
            guard let float = Float(exactly: value) ?? (value.isNaN ? Float.nan : nil) else {
                throw DecodingError.dataCorrupted(.init(codingPath: path(), debugDescription: "the number does not fit Float"))
            }
            return float
        }
        return Float(bitPattern: fixed32(at: offset + 1))
    }

    @inline(__always)
    func string(_ offset: Int, _ end: Int, path: @autoclosure () -> [any CodingKey]) throws -> String {
        guard bytes[offset] == BinaryTag.string.rawValue else { throw mismatch(String.self, "a string", offset, path: path()) }
        var position = offset + 1
        let length = Int(try varint(&position, end: end, path: path()))
        return try Self.string(bytes, position, length, path: path())
    }
}

/// The single value of ``BinaryDecoder``.
struct BinarySingleValueDecoding: SingleValueDecodingContainer {
    let node: BinaryDecoderNode

    var codingPath: [any CodingKey] { node.codingPath }

    func decodeNil() -> Bool { node.isNil }
    func decode(_ type: Bool.Type) throws -> Bool { try node.bool() }
    func decode(_ type: String.Type) throws -> String { try node.string() }
    func decode(_ type: Double.Type) throws -> Double { try node.double() }
    func decode(_ type: Float.Type) throws -> Float { try node.float() }
    func decode(_ type: Int.Type) throws -> Int { try node.integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try node.integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try node.integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try node.integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try node.integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try node.integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try node.integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try node.integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try node.integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try node.integer(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        // The same bytes, one level deeper (a wrapper decoding its wrapped value).
        try BinaryDecoderNode(node.reader, offset: node.offset, end: node.end, parent: node, key: nil).decodeValue(type)
    }
}
