import Foundation

/// Encodes `Encodable` values into a compact binary document (README.md): tagged values, integers as
/// varints, strings as UTF-8, `[UInt8]` and `Data` as raw bytes, and container keys as references into one key
/// table per document, so field names cost a byte or two each and a reader finds fields by name (a type whose
/// fields were reordered or added still reads).
///
/// Values are written as they are encoded, in one pass, with no intermediate tree: a container is closed when
/// the value that opened it returns, or when its parent is written to again. Writing to a container after
/// one of its siblings was opened is refused (`EncodingError.invalidValue`); the synthesized conformances and
/// ordinary hand-written ones never do that.
public struct BinaryEncoder {
    /// Passed to every `encode(to:)`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]
    /// With ``encodeSplit(_:)``: raw-bytes values of at least this many bytes are not copied into the document
    /// but returned apart, each as the very array that was encoded (so a caller can tell an array it has seen
    /// before without reading it).
    public var externalThreshold = 1 << 16

    public init() {}

    /// The document holding `value`.
    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        try encode(value, external: nil).document
    }

    /// The document holding `value`, with its raw-bytes values of ``externalThreshold`` bytes or more kept apart:
    /// the document refers to them by their index in `external`, and ``BinaryDecoder/decode(_:from:external:)``
    /// needs the same list.
    public func encodeSplit<T: Encodable>(_ value: T) throws -> (document: [UInt8], external: [[UInt8]]) {
        let (document, external) = try encode(value, external: externalThreshold)
        return (document, external)
    }

    private func encode<T: Encodable>(_ value: T, external threshold: Int?) throws -> (document: [UInt8], external: [[UInt8]]) {
        var userInfo = userInfo
        userInfo[.binaryCoding] = true
        let writer = BinaryWriter(userInfo: userInfo)
        writer.externalThreshold = threshold
        writer.bytes.append(contentsOf: BinaryFormat.magic)
        try writer.encodeValue(value, parent: nil, key: nil)
        let tableOffset = writer.bytes.count
        writer.bytes.appendVarint(UInt64(writer.keyList.count))
        for key in writer.keyList { writer.bytes.appendUTF8(key) }
        for shift in stride(from: 0, to: 64, by: 8) {
            writer.bytes.append(UInt8(truncatingIfNeeded: UInt64(tableOffset) >> UInt64(shift)))
        }
        return (writer.bytes, writer.external)
    }
}

/// The state of one encoding: the bytes so far, the key table and the stack of open containers.
final class BinaryWriter {
    // Unchecked: every value appends here; dynamic exclusivity checks cost more than the appends. Only the one
    // encoding call that owns this writer touches it, one access at a time.
    @exclusivity(unchecked) var bytes: [UInt8] = []
    @exclusivity(unchecked) var keyList: [String] = []
    @exclusivity(unchecked) private var keyIndex: [String: Int] = [:]
    /// Open containers, innermost last: where each one's length field is, and its serial number.
    @exclusivity(unchecked) private var openOffsets: [Int] = []
    @exclusivity(unchecked) private var openSerials: [Int] = []
    @exclusivity(unchecked) private var nextSerial = 0
    let userInfo: [CodingUserInfoKey: Any]
    /// Raw bytes of at least this many bytes go to ``external`` (nil: none do).
    var externalThreshold: Int?
    /// The raw-bytes values kept apart, in the order the document refers to them.
    @exclusivity(unchecked) var external: [[UInt8]] = []

    init(userInfo: [CodingUserInfoKey: any Sendable]) {
        self.userInfo = userInfo
        bytes.reserveCapacity(1 << 16)
    }

    var depth: Int { openOffsets.count }

    /// Writes a container's key: a table reference (index × 2) or, once the table is full, the name inline
    /// (length × 2 + 1, then UTF-8).
    @inline(__always)
    func writeKey(_ key: some CodingKey) {
        let name = key.stringValue
        if let index = keyIndex[name] {
            bytes.appendVarint(UInt64(index) << 1)
        } else if keyList.count < BinaryFormat.keyTableLimit {
            keyIndex[name] = keyList.count
            bytes.appendVarint(UInt64(keyList.count) << 1)
            keyList.append(name)
        } else {
            var name = name
            name.withUTF8 { utf8 in
                bytes.appendVarint(UInt64(utf8.count) << 1 | 1)
                bytes.append(contentsOf: utf8)
            }
        }
    }

    /// Opens a container at the current position and returns its serial number.
    func open(_ tag: BinaryTag) -> Int {
        bytes.append(tag.rawValue)
        openOffsets.append(bytes.count)
        bytes.appendFixed32(0)
        if tag == .unkeyed { bytes.appendFixed32(0) }
        nextSerial += 1
        openSerials.append(nextSerial)
        return nextSerial
    }

    /// Closes the containers above `depth`, writing their lengths.
    func close(above depth: Int) throws {
        while openOffsets.count > depth {
            let offset = openOffsets.removeLast()
            openSerials.removeLast()
            let length = bytes.count - offset - 4
            guard length <= Int(UInt32.max) else {
                throw EncodingError.invalidValue(
                    length, .init(codingPath: [], debugDescription: "a container of more than 4 GiB"))
            }
            bytes.setFixed32(UInt32(length), at: offset)
        }
    }

    /// Makes the container at `level` with `serial` the innermost open one (closing nested containers it
    /// opened), or throws when it was closed already.
    @inline(__always)
    func resume(level: Int, serial: Int, path: @autoclosure () -> [any CodingKey]) throws {
        if openOffsets.count > level + 1 { try close(above: level + 1) }
        guard openOffsets.count == level + 1, openSerials[level] == serial else {
            throw EncodingError.invalidValue(
                serial, .init(codingPath: path(), debugDescription: "written to after a sibling container was opened"))
        }
    }

    /// Adds one to the element count of the unkeyed container at `level`.
    func countElement(level: Int) {
        let offset = openOffsets[level] + 4
        let count = UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
        bytes.setFixed32(count &+ 1, at: offset)
    }

    func writeSigned(_ value: Int64) {
        bytes.append(BinaryTag.signed.rawValue)
        bytes.appendVarint(zigzag(value))
    }

    func writeUnsigned(_ value: UInt64) {
        bytes.append(BinaryTag.unsigned.rawValue)
        bytes.appendVarint(value)
    }

    func writeString(_ value: String) {
        bytes.append(BinaryTag.string.rawValue)
        bytes.appendUTF8(value)
    }

    func writeBool(_ value: Bool) {
        bytes.append(value ? BinaryTag.trueValue.rawValue : BinaryTag.falseValue.rawValue)
    }

    func writeDouble(_ value: Double) {
        bytes.append(BinaryTag.double.rawValue)
        let bits = value.bitPattern
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }

    func writeFloat(_ value: Float) {
        bytes.append(BinaryTag.float.rawValue)
        bytes.appendFixed32(value.bitPattern)
    }

    func writeNil() {
        bytes.append(BinaryTag.null.rawValue)
    }

    /// Writes any value: raw bytes for `[UInt8]` and `Data`, otherwise through its `encode(to:)`, closing the
    /// containers it opened when it returns. A value that wrote nothing is an empty keyed container.
    func encodeValue<T: Encodable>(_ value: T, parent: BinaryEncoderNode?, key: (any CodingKey)?) throws {
        if T.self == [UInt8].self {
            writeBytes(value as! [UInt8])
            return
        }
        if T.self == Data.self {
            writeBytes(Array(value as! Data))
            return
        }
        let level = depth
        let start = bytes.count
        try value.encode(to: BinaryEncoderNode(self, parent: parent, key: key, level: level))
        try close(above: level)
        if bytes.count == start {
            _ = open(.keyed)
            try close(above: level)
        }
    }

    private func writeBytes(_ value: [UInt8]) {
        if let externalThreshold, value.count >= externalThreshold {
            bytes.append(BinaryTag.external.rawValue)
            bytes.appendVarint(UInt64(external.count))
            external.append(value)
            return
        }
        bytes.append(BinaryTag.bytes.rawValue)
        bytes.appendVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }
}

/// The `Encoder` of one value; its coding path is computed only when asked for.
final class BinaryEncoderNode: Encoder {
    let writer: BinaryWriter
    let parent: BinaryEncoderNode?
    let key: (any CodingKey)?
    /// How many containers were open when this value began.
    let level: Int
    /// The container this value opened, so a second `container(keyedBy:)` call returns the same one.
    private var opened: (serial: Int, keyed: Bool)?

    init(_ writer: BinaryWriter, parent: BinaryEncoderNode?, key: (any CodingKey)?, level: Int) {
        self.writer = writer
        self.parent = parent
        self.key = key
        self.level = level
    }

    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var node: BinaryEncoderNode? = self
        while let current = node {
            if let key = current.key { path.append(key) }
            node = current.parent
        }
        return path.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { writer.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let serial: Int
        if let opened, opened.keyed { serial = opened.serial } else {
            serial = writer.open(.keyed)
            opened = (serial, true)
        }
        return KeyedEncodingContainer(BinaryKeyedEncoding<Key>(node: self, level: level, serial: serial))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let serial: Int
        if let opened, !opened.keyed { serial = opened.serial } else {
            serial = writer.open(.unkeyed)
            opened = (serial, false)
        }
        return BinaryUnkeyedEncoding(node: self, level: level, serial: serial)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        BinarySingleValueEncoding(node: self)
    }
}
