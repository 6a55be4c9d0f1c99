import Foundation

/// Decodes what ``BinaryEncoder`` wrote. Every read is bounds-checked: a truncated, damaged or foreign document
/// is refused with a `DecodingError` (never a crash), as is a value of another type than the one asked for.
/// Fields are found by name through the document's key table, so a type with reordered or added optional
/// fields reads documents written before the change.
public struct BinaryDecoder {
    /// Passed to every `init(from:)`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try decode(type, from: bytes, external: [])
    }

    /// Decodes a document written by ``BinaryEncoder/encodeSplit(_:)``, given the raw-bytes values it kept apart
    /// (the arrays are handed to the values that read them as they are, not copied).
    public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], external: [[UInt8]]) throws -> T {
        var userInfo = userInfo
        userInfo[.binaryCoding] = true
        let reader = try BinaryReader(bytes, userInfo: userInfo, external: external)
        let root = BinaryDecoderNode(reader, offset: BinaryFormat.magic.count, end: reader.bodyEnd, parent: nil, key: nil)
        guard try reader.valueEnd(at: root.offset, end: root.end, path: []) == reader.bodyEnd else {
            throw BinaryReader.corrupted([], "bytes follow the document's value")
        }
        return try root.decodeValue(T.self)
    }
}

/// One document being read: its bytes and key table.
final class BinaryReader {
    let bytes: [UInt8]
    /// The key table's names.
    let keys: [String]
    /// Where the value ends and the key table begins.
    let bodyEnd: Int
    let userInfo: [CodingUserInfoKey: Any]
    /// The raw-bytes values kept apart from the document.
    let external: [[UInt8]]

    init(_ bytes: [UInt8], userInfo: [CodingUserInfoKey: any Sendable], external: [[UInt8]] = []) throws {
        self.bytes = bytes
        self.userInfo = userInfo
        self.external = external
        let magic = BinaryFormat.magic
        guard bytes.count >= magic.count + 10, bytes[0..<magic.count].elementsEqual(magic) else {
            throw Self.corrupted([], "not a binary document (too short or no SBC1 header)")
        }
        var tableOffset: UInt64 = 0
        for index in 0..<8 { tableOffset |= UInt64(bytes[bytes.count - 8 + index]) << UInt64(index * 8) }
        guard tableOffset > UInt64(magic.count), tableOffset < UInt64(bytes.count - 8) else {
            throw Self.corrupted([], "the key table's offset \(tableOffset) is outside the document")
        }
        bodyEnd = Int(tableOffset)
        var offset = bodyEnd
        let tableEnd = bytes.count - 8
        let count = try Self.varint(bytes, &offset, end: tableEnd, path: [])
        guard count <= UInt64(tableEnd - offset) else { throw Self.corrupted([], "the key table is truncated") }
        var keys: [String] = []
        keys.reserveCapacity(Int(count))
        for _ in 0..<count {
            let length = try Self.varint(bytes, &offset, end: tableEnd, path: [])
            guard length <= UInt64(tableEnd - offset) else { throw Self.corrupted([], "the key table is truncated") }
            keys.append(try Self.string(bytes, offset, Int(length), path: []))
            offset += Int(length)
        }
        guard offset == tableEnd else { throw Self.corrupted([], "bytes follow the key table") }
        self.keys = keys
    }

    static func corrupted(_ path: [any CodingKey], _ description: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: path, debugDescription: description))
    }

    @inline(__always)
    static func varint(_ bytes: [UInt8], _ offset: inout Int, end: Int, path: @autoclosure () -> [any CodingKey]) throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end else { throw corrupted(path(), "a number runs past the end of its container") }
            let byte = bytes[offset]
            offset += 1
            guard shift < 63 || (shift == 63 && byte <= 1) else { throw corrupted(path(), "a number exceeds 64 bits") }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// The UTF-8 at `offset`, refused when it is not valid UTF-8.
    static func string(_ bytes: [UInt8], _ offset: Int, _ length: Int, path: @autoclosure () -> [any CodingKey]) throws -> String {
        let string = bytes.withUnsafeBufferPointer { buffer in
            let utf8 = UnsafeBufferPointer(rebasing: buffer[offset..<(offset + length)])
            // ASCII (most strings) is valid UTF-8 as it stands: the specialised decoding path, no validation pass.
            var high: UInt8 = 0
            for byte in utf8 { high |= byte }
            return high < 0x80 ? String(decoding: utf8, as: UTF8.self) : String(validating: utf8, as: UTF8.self)
        }
        guard let string else { throw corrupted(path(), "a string is not valid UTF-8") }
        return string
    }

    @inline(__always)
    func varint(_ offset: inout Int, end: Int, path: @autoclosure () -> [any CodingKey]) throws -> UInt64 {
        try Self.varint(bytes, &offset, end: end, path: path())
    }

    @inline(__always)
    func fixed32(at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }

    /// Where the value at `offset` ends; throws when it does not end by `end`.
    func valueEnd(at offset: Int, end: Int, path: @autoclosure () -> [any CodingKey]) throws -> Int {
        guard offset < end, let tag = BinaryTag(rawValue: bytes[offset]) else {
            throw Self.corrupted(path(), offset < end ? "unknown tag \(bytes[offset])" : "a value is missing")
        }
        var position = offset + 1
        let size: Int
        switch tag {
        case .null, .falseValue, .trueValue:
            return position
        case .signed, .unsigned, .external:
            _ = try varint(&position, end: end, path: path())
            return position
        case .double: size = 8
        case .float: size = 4
        case .string, .bytes:
            let length = try varint(&position, end: end, path: path())
            guard length <= UInt64(end - position) else { throw Self.corrupted(path(), "a string runs past its container") }
            size = Int(length)
        case .keyed, .unkeyed:
            guard end - position >= 4 else { throw Self.corrupted(path(), "a container's header is truncated") }
            let length = Int(fixed32(at: position))
            position += 4
            guard length <= end - position, tag == .keyed || length >= 4 else {
                throw Self.corrupted(path(), "a container runs past the end of its parent")
            }
            size = length
        }
        guard size <= end - position else { throw Self.corrupted(path(), "a value runs past the end of its container") }
        return position + size
    }
}
