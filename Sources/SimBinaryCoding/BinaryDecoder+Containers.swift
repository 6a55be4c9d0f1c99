/// One entry of a keyed container: its key (a table index, or -1 and the name's bytes) and its value's bytes.
struct BinaryKeyedEntry {
    var table: Int
    var nameStart: Int
    var nameLength: Int
    var start: Int
    var end: Int
}

/// The entries of a keyed container, read once when it is opened, and where the last lookup matched: fields
/// are usually asked for in the order they were written, so a lookup starts there.
final class BinaryKeyedEntries {
    let entries: [BinaryKeyedEntry]
    // Unchecked: read and written by one decoding call at a time (containers do not cross threads).
    @exclusivity(unchecked) var hint = 0

    init(_ entries: [BinaryKeyedEntry]) {
        self.entries = entries
    }
}

/// A keyed container of ``BinaryDecoder``.
struct BinaryKeyedDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let node: BinaryDecoderNode
    private let storage: BinaryKeyedEntries
    private var reader: BinaryReader { node.reader }

    init(node: BinaryDecoderNode) throws {
        self.node = node
        let reader = node.reader
        let end = node.end
        var position = node.offset + 5
        var entries: [BinaryKeyedEntry] = []
        while position < end {
            let reference = try reader.varint(&position, end: end, path: node.codingPath)
            var entry = BinaryKeyedEntry(table: -1, nameStart: 0, nameLength: 0, start: 0, end: 0)
            if reference & 1 == 0 {
                guard reference >> 1 < UInt64(reader.keys.count) else {
                    throw BinaryReader.corrupted(node.codingPath, "key \(reference >> 1) is not in the key table")
                }
                entry.table = Int(reference >> 1)
            } else {
                guard reference >> 1 <= UInt64(end - position) else {
                    throw BinaryReader.corrupted(node.codingPath, "a key runs past the end of its container")
                }
                entry.nameStart = position
                entry.nameLength = Int(reference >> 1)
                position += entry.nameLength
            }
            entry.start = position
            position = try reader.valueEnd(at: position, end: end, path: node.codingPath)
            entry.end = position
            entries.append(entry)
        }
        storage = BinaryKeyedEntries(entries)
    }

    var codingPath: [any CodingKey] { node.codingPath }

    var allKeys: [Key] {
        storage.entries.compactMap { entry in
            name(of: entry).flatMap(Key.init(stringValue:))
        }
    }

    private func name(of entry: BinaryKeyedEntry) -> String? {
        if entry.table >= 0 { return reader.keys[entry.table] }
        return try? BinaryReader.string(reader.bytes, entry.nameStart, entry.nameLength, path: [])
    }

    @inline(__always)
    private func matches(_ entry: BinaryKeyedEntry, _ name: String) -> Bool {
        if entry.table >= 0 { return reader.keys[entry.table] == name }
        var name = name
        return name.withUTF8 { utf8 in
            utf8.count == entry.nameLength
                && reader.bytes.withUnsafeBufferPointer { bytes in
                    utf8.elementsEqual(UnsafeBufferPointer(rebasing: bytes[entry.nameStart..<(entry.nameStart + entry.nameLength)]))
                }
        }
    }

    /// The entry of `key`, looked for from where the last lookup matched.
    private func index(of key: Key) -> Int? {
        let entries = storage.entries
        let count = entries.count
        guard count > 0 else { return nil }
        let name = key.stringValue
        var index = storage.hint < count ? storage.hint : 0
        for _ in 0..<count {
            if matches(entries[index], name) {
                storage.hint = index
                return index
            }
            index = index + 1 == count ? 0 : index + 1
        }
        return nil
    }

    /// The entry of `key`, consumed (the next lookup starts after it).
    @inline(__always)
    private func entry(_ key: Key) throws -> BinaryKeyedEntry {
        guard let index = index(of: key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no value for \(key.stringValue)"))
        }
        storage.hint = index + 1
        return storage.entries[index]
    }

    private func value(_ key: Key) throws -> BinaryDecoderNode {
        let entry = try entry(key)
        return BinaryDecoderNode(reader, offset: entry.start, end: entry.end, parent: node, key: key)
    }

    func contains(_ key: Key) -> Bool { index(of: key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let index = index(of: key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no value for \(key.stringValue)"))
        }
        return reader.bytes[storage.entries[index].start] == BinaryTag.null.rawValue
    }

    private func integer<I: FixedWidthInteger>(_ type: I.Type, _ key: Key) throws -> I {
        let entry = try entry(key)
        return try reader.integer(type, entry.start, entry.end, path: codingPath + [key])
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try reader.bool(try entry(key).start, path: codingPath + [key]) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        let entry = try entry(key)
        return try reader.string(entry.start, entry.end, path: codingPath + [key])
    }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try reader.double(try entry(key).start, path: codingPath + [key]) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try reader.float(try entry(key).start, path: codingPath + [key]) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(type, key) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try value(key).decodeValue(type)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try value(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try value(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        try value(Key(stringValue: "super")!)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        try value(key)
    }
}

/// An unkeyed container of ``BinaryDecoder``: its elements in order.
struct BinaryUnkeyedDecoding: UnkeyedDecodingContainer {
    let node: BinaryDecoderNode
    let count: Int?
    private(set) var currentIndex = 0
    private var position: Int
    private var reader: BinaryReader { node.reader }

    init(node: BinaryDecoderNode) throws {
        self.node = node
        let elements = Int(node.reader.fixed32(at: node.offset + 5))
        position = node.offset + 9
        guard elements <= node.end - position else {
            throw BinaryReader.corrupted(node.codingPath, "an unkeyed container counts more elements than it has bytes")
        }
        count = elements
    }

    var codingPath: [any CodingKey] { node.codingPath }
    var isAtEnd: Bool { currentIndex >= count ?? 0 }

    /// The next element's bytes, consumed.
    @inline(__always)
    private mutating func nextSpan<T>(_ type: T.Type) throws -> (start: Int, end: Int) {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                type, .init(codingPath: codingPath + [IndexKey(currentIndex)], debugDescription: "no more elements"))
        }
        let start = position
        let end = try reader.valueEnd(at: position, end: node.end, path: codingPath + [IndexKey(currentIndex)])
        position = end
        currentIndex += 1
        return (start, end)
    }

    /// The next element, consumed, as a decoder.
    private mutating func next<T>(_ type: T.Type) throws -> BinaryDecoderNode {
        let key = IndexKey(currentIndex)
        let (start, end) = try nextSpan(type)
        return BinaryDecoderNode(reader, offset: start, end: end, parent: node, key: key)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, position < node.end else { throw DecodingError.valueNotFound(Any?.self, .init(codingPath: codingPath, debugDescription: "no more elements")) }
        guard reader.bytes[position] == BinaryTag.null.rawValue else { return false }
        position += 1
        currentIndex += 1
        return true
    }

    private mutating func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        let index = currentIndex
        let (start, end) = try nextSpan(type)
        return try reader.integer(type, start, end, path: codingPath + [IndexKey(index)])
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool {
        let index = currentIndex
        return try reader.bool(try nextSpan(type).start, path: codingPath + [IndexKey(index)])
    }
    mutating func decode(_ type: String.Type) throws -> String {
        let index = currentIndex
        let (start, end) = try nextSpan(type)
        return try reader.string(start, end, path: codingPath + [IndexKey(index)])
    }
    mutating func decode(_ type: Double.Type) throws -> Double { try next(type).double() }
    mutating func decode(_ type: Float.Type) throws -> Float { try next(type).float() }
    mutating func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try next(type).decodeValue(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next([String: Any].self).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next([Any].self).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        try next(Any.self)
    }
}
