/// A keyed container of ``BinaryEncoder``: key reference, then value, per entry.
struct BinaryKeyedEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: BinaryEncoderNode
    let level: Int
    let serial: Int

    var codingPath: [any CodingKey] { node.codingPath }
    private var writer: BinaryWriter { node.writer }

    @inline(__always)
    private func begin(_ key: Key) throws {
        try writer.resume(level: level, serial: serial, path: node.codingPath + [key])
        writer.writeKey(key)
    }

    mutating func encodeNil(forKey key: Key) throws { try begin(key); writer.writeNil() }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try begin(key); writer.writeBool(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { try begin(key); writer.writeString(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try begin(key); writer.writeDouble(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try begin(key); writer.writeFloat(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try begin(key); writer.writeSigned(Int64(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try begin(key); writer.writeSigned(Int64(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try begin(key); writer.writeSigned(Int64(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try begin(key); writer.writeSigned(Int64(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try begin(key); writer.writeSigned(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try begin(key); writer.writeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try begin(key); writer.writeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try begin(key); writer.writeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try begin(key); writer.writeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try begin(key); writer.writeUnsigned(value) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try begin(key)
        try writer.encodeValue(value, parent: node, key: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        // The protocol gives this no way to throw; a misuse surfaces at the next write instead.
        try? begin(key)
        let level = writer.depth
        let serial = writer.open(.keyed)
        let child = BinaryEncoderNode(writer, parent: node, key: key, level: level)
        return KeyedEncodingContainer(BinaryKeyedEncoding<NestedKey>(node: child, level: level, serial: serial))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        try? begin(key)
        let level = writer.depth
        let serial = writer.open(.unkeyed)
        let child = BinaryEncoderNode(writer, parent: node, key: key, level: level)
        return BinaryUnkeyedEncoding(node: child, level: level, serial: serial)
    }

    mutating func superEncoder() -> any Encoder {
        superEncoder(forKey: Key(stringValue: "super")!)
    }

    /// The returned encoder writes in place: encode through it before writing to this container again.
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        try? begin(key)
        return BinaryEncoderNode(writer, parent: node, key: key, level: writer.depth)
    }
}

/// An unkeyed container of ``BinaryEncoder``: its elements in order, counted in its header.
struct BinaryUnkeyedEncoding: UnkeyedEncodingContainer {
    let node: BinaryEncoderNode
    let level: Int
    let serial: Int
    private(set) var count = 0

    init(node: BinaryEncoderNode, level: Int, serial: Int) {
        self.node = node
        self.level = level
        self.serial = serial
    }

    var codingPath: [any CodingKey] { node.codingPath }
    private var writer: BinaryWriter { node.writer }

    @inline(__always)
    private mutating func begin() throws {
        try writer.resume(level: level, serial: serial, path: node.codingPath + [IndexKey(count)])
        writer.countElement(level: level)
        count += 1
    }

    mutating func encodeNil() throws { try begin(); writer.writeNil() }
    mutating func encode(_ value: Bool) throws { try begin(); writer.writeBool(value) }
    mutating func encode(_ value: String) throws { try begin(); writer.writeString(value) }
    mutating func encode(_ value: Double) throws { try begin(); writer.writeDouble(value) }
    mutating func encode(_ value: Float) throws { try begin(); writer.writeFloat(value) }
    mutating func encode(_ value: Int) throws { try begin(); writer.writeSigned(Int64(value)) }
    mutating func encode(_ value: Int8) throws { try begin(); writer.writeSigned(Int64(value)) }
    mutating func encode(_ value: Int16) throws { try begin(); writer.writeSigned(Int64(value)) }
    mutating func encode(_ value: Int32) throws { try begin(); writer.writeSigned(Int64(value)) }
    mutating func encode(_ value: Int64) throws { try begin(); writer.writeSigned(value) }
    mutating func encode(_ value: UInt) throws { try begin(); writer.writeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { try begin(); writer.writeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { try begin(); writer.writeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { try begin(); writer.writeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { try begin(); writer.writeUnsigned(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let index = IndexKey(count)
        try begin()
        try writer.encodeValue(value, parent: node, key: index)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let index = IndexKey(count)
        try? begin()
        let level = writer.depth
        let serial = writer.open(.keyed)
        let child = BinaryEncoderNode(writer, parent: node, key: index, level: level)
        return KeyedEncodingContainer(BinaryKeyedEncoding<NestedKey>(node: child, level: level, serial: serial))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let index = IndexKey(count)
        try? begin()
        let level = writer.depth
        let serial = writer.open(.unkeyed)
        let child = BinaryEncoderNode(writer, parent: node, key: index, level: level)
        return BinaryUnkeyedEncoding(node: child, level: level, serial: serial)
    }

    /// The returned encoder writes in place: encode through it before appending again.
    mutating func superEncoder() -> any Encoder {
        let index = IndexKey(count)
        try? begin()
        return BinaryEncoderNode(writer, parent: node, key: index, level: writer.depth)
    }
}

/// The single value of ``BinaryEncoder``: written where the value stands.
struct BinarySingleValueEncoding: SingleValueEncodingContainer {
    let node: BinaryEncoderNode

    var codingPath: [any CodingKey] { node.codingPath }
    private var writer: BinaryWriter { node.writer }

    mutating func encodeNil() throws { writer.writeNil() }
    mutating func encode(_ value: Bool) throws { writer.writeBool(value) }
    mutating func encode(_ value: String) throws { writer.writeString(value) }
    mutating func encode(_ value: Double) throws { writer.writeDouble(value) }
    mutating func encode(_ value: Float) throws { writer.writeFloat(value) }
    mutating func encode(_ value: Int) throws { writer.writeSigned(Int64(value)) }
    mutating func encode(_ value: Int8) throws { writer.writeSigned(Int64(value)) }
    mutating func encode(_ value: Int16) throws { writer.writeSigned(Int64(value)) }
    mutating func encode(_ value: Int32) throws { writer.writeSigned(Int64(value)) }
    mutating func encode(_ value: Int64) throws { writer.writeSigned(value) }
    mutating func encode(_ value: UInt) throws { writer.writeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { writer.writeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { writer.writeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { writer.writeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { writer.writeUnsigned(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try writer.encodeValue(value, parent: node.parent, key: node.key)
    }
}

/// The coding key of an element of an unkeyed container.
struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }

    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}
