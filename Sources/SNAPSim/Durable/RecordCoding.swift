/// The byte layout of durable records: little-endian fixed-width integers and length-prefixed bytes.
struct RecordWriter {
    private(set) var bytes: [UInt8] = []

    init(kind: UInt8) {
        bytes.reserveCapacity(512)
        bytes.append(kind)
    }

    mutating func integer(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    mutating func signed(_ value: Int64) {
        integer(UInt64(bitPattern: value))
    }

    mutating func data(_ value: some Collection<UInt8>) {
        integer(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func string(_ value: String) {
        data(value.utf8)
    }
}

/// Reads what ``RecordWriter`` wrote; every read checks the bounds, so a record from another version or a
/// damaged one is reported rather than trapped on.
struct RecordReader {
    struct Malformed: Error {}

    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func byte() throws(Malformed) -> UInt8 {
        guard offset < bytes.count else { throw Malformed() }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func integer() throws(Malformed) -> UInt64 {
        guard bytes.count - offset >= 8 else { throw Malformed() }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << UInt64(index * 8) }
        offset += 8
        return value
    }

    mutating func signed() throws(Malformed) -> Int64 {
        Int64(bitPattern: try integer())
    }

    mutating func data() throws(Malformed) -> [UInt8] {
        let count = try integer()
        guard count <= UInt64(bytes.count - offset) else { throw Malformed() }
        defer { offset += Int(count) }
        return Array(bytes[offset..<(offset + Int(count))])
    }

    mutating func string() throws(Malformed) -> String {
        String(decoding: try data(), as: UTF8.self)
    }
}
