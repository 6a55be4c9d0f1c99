import SimHTTP

/// The layout of a request record written now (kinds 6 and 7 of ``DurableRecord``): the kind byte, the instant
/// (zigzag varint of milliseconds), method, target, version, the header count, each header's name and value,
/// the body; every string and the body as a varint length and its bytes.
///
/// Every partner request that reaches a partner's state is encoded on its event-loop thread (and copied to the
/// log), in one pass into one allocation: a signed balance inquiry takes ~470 bytes instead of the ~650 of the
/// first layout's 8-byte lengths.
enum CompactRecordWriter {
    static func request(kind: UInt8, at: SimTime, _ request: HTTPRequest) -> [UInt8] {
        // One pass over the headers (each field read once: iterating them copies each name and value, two
        // retains and releases), straight into one allocation sized for a signed request, each string copied
        // from its contiguous UTF-8 (callgrind, per balance inquiry: ~6,300 instructions appending to an array,
        // byte by byte for varints and `utf8` views). The first buffer is sized so that, with a small body, glibc
        // serves it from its per-thread cache (blocks up to ~1 KiB; a signed inquiry's head takes ~370 bytes);
        // a head that does not fit is written again into a larger one, then takes the array path.
        if request.body.count <= 384 {
            let bytes = fixed(kind: kind, at: at, request, capacity: 600 + request.body.count)
            if !bytes.isEmpty { return bytes }
        }
        let bytes = fixed(kind: kind, at: at, request, capacity: 4096 + request.body.count)
        return bytes.isEmpty ? arrayRequest(kind: kind, at: at, request) : bytes
    }

    /// The record written into one buffer of `capacity` bytes; empty when it does not fit.
    private static func fixed(kind: UInt8, at: SimTime, _ request: HTTPRequest, capacity: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            var writer = RawWriter(buffer: buffer)
            writer.byte(kind)
            writer.varint(zigzag(at.millisecondsSince1970))
            writer.string(request.method.rawValue)
            writer.string(request.target)
            writer.string(request.version.rawValue)
            writer.varint(UInt64(request.headers.count))
            for field in request.headers {
                writer.string(field.name)
                writer.string(field.value)
            }
            writer.varint(UInt64(request.body.count))
            request.body.withUnsafeBufferPointer { writer.bytes($0) }
            initialized = writer.overflowed ? 0 : writer.offset
        }
    }

    /// Writes into a buffer of fixed size; once something does not fit, writes nothing more and says so.
    private struct RawWriter {
        var buffer: UnsafeMutableBufferPointer<UInt8>
        var offset = 0
        var overflowed = false

        mutating func byte(_ value: UInt8) {
            guard !overflowed, offset < buffer.count else { return overflowed = true }
            buffer[offset] = value
            offset += 1
        }

        mutating func varint(_ value: UInt64) {
            guard !overflowed, buffer.count - offset >= 10 else { return overflowed = true }
            CompactRecordWriter.varint(value, &buffer, &offset)
        }

        mutating func bytes(_ source: UnsafeBufferPointer<UInt8>) {
            guard !overflowed, buffer.count - offset >= source.count else { return overflowed = true }
            if let base = source.baseAddress, source.count > 0 {
                UnsafeMutableRawPointer(buffer.baseAddress! + offset).copyMemory(from: base, byteCount: source.count)
            }
            offset += source.count
        }

        mutating func string(_ value: String) {
            let utf8 = value.utf8
            varint(UInt64(utf8.count))
            // Native and small strings lend their UTF-8 as it is (no `var` copy, no check for uniqueness).
            if utf8.withContiguousStorageIfAvailable({ bytes($0) }) == nil {
                guard !overflowed, buffer.count - offset >= utf8.count else { return overflowed = true }
                for byte in utf8 {
                    buffer[offset] = byte
                    offset += 1
                }
            }
        }
    }

    /// The same layout appended to a growing array: for a request too large for ``request(kind:at:_:)``'s buffer.
    private static func arrayRequest(kind: UInt8, at: SimTime, _ request: HTTPRequest) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(2048 + request.body.count)
        bytes.append(kind)
        appendVarint(zigzag(at.millisecondsSince1970), to: &bytes)
        append(request.method.rawValue, to: &bytes)
        append(request.target, to: &bytes)
        append(request.version.rawValue, to: &bytes)
        appendVarint(UInt64(request.headers.count), to: &bytes)
        for field in request.headers {
            append(field.name, to: &bytes)
            append(field.value, to: &bytes)
        }
        appendVarint(UInt64(request.body.count), to: &bytes)
        bytes.append(contentsOf: request.body)
        return bytes
    }

    private static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    private static func append(_ value: String, to bytes: inout [UInt8]) {
        // Through the string's contiguous UTF-8 (a memcpy): appending its `utf8` view went byte by byte.
        var value = value
        value.withUTF8 { utf8 in
            appendVarint(UInt64(utf8.count), to: &bytes)
            bytes.append(contentsOf: utf8)
        }
    }

    /// A read's record (kind 8, ``DurableRecord/read(_:)``): the instant, partner, X-EXTERNAL-ID, a flags byte
    /// (1: the ID was registered, 2: the ledger was open after the read), and where the partner's identifier
    /// stream stood after the read: about 40 bytes.
    static func read(kind: UInt8, _ read: ReadRecord) -> [UInt8] {
        let size = 1 + 10 + stringSize(read.clientId) + stringSize(read.externalID) + 1 + 10
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var offset = 0
            buffer[offset] = kind
            offset += 1
            varint(zigzag(read.at.millisecondsSince1970), &buffer, &offset)
            string(read.clientId, &buffer, &offset)
            string(read.externalID, &buffer, &offset)
            buffer[offset] = (read.registered ? 1 : 0) | (read.ledgerOpen ? 2 : 0)
            offset += 1
            varint(read.idsPosition, &buffer, &offset)
            initialized = offset
        }
    }

    /// At most what ``string(_:_:_:)`` writes (a length fits in 5 varint bytes).
    private static func stringSize(_ value: String) -> Int { 5 + value.utf8.count }

    private static func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    fileprivate static func varint(_ value: UInt64, _ buffer: inout UnsafeMutableBufferPointer<UInt8>, _ offset: inout Int) {
        var value = value
        while value >= 0x80 {
            buffer[offset] = UInt8(truncatingIfNeeded: value) | 0x80
            offset += 1
            value >>= 7
        }
        buffer[offset] = UInt8(value)
        offset += 1
    }

    private static func string(_ value: String, _ buffer: inout UnsafeMutableBufferPointer<UInt8>, _ offset: inout Int) {
        var value = value
        value.withUTF8 { utf8 in
            varint(UInt64(utf8.count), &buffer, &offset)
            if let base = utf8.baseAddress, utf8.count > 0 {
                UnsafeMutableRawPointer(buffer.baseAddress! + offset).copyMemory(from: base, byteCount: utf8.count)
            }
            offset += utf8.count
        }
    }
}

/// Reads what ``CompactRecordWriter`` wrote; every read checks the bounds, so a damaged record is reported rather
/// than trapped on.
struct CompactRecordReader {
    private let bytes: [UInt8]
    private var offset = 1  // after the kind byte

    static func request(_ bytes: [UInt8]) throws(RecordReader.Malformed) -> (SimTime, HTTPRequest) {
        var reader = CompactRecordReader(bytes: bytes)
        let at = try reader.time()
        let method = HTTPMethod(rawValue: try reader.string())
        let target = try reader.string()
        guard let version = HTTPVersion(rawValue: try reader.string()) else { throw RecordReader.Malformed() }
        let count = try reader.varint()
        guard count <= UInt64(bytes.count) else { throw RecordReader.Malformed() }
        var fields: [(String, String)] = []
        fields.reserveCapacity(Int(count))
        for _ in 0..<count { fields.append((try reader.string(), try reader.string())) }
        let body = try reader.data()
        guard reader.offset == bytes.count else { throw RecordReader.Malformed() }
        return (at, HTTPRequest(method: method, target: target, version: version, headers: HTTPHeaders(fields), body: body))
    }

    static func read(_ bytes: [UInt8]) throws(RecordReader.Malformed) -> ReadRecord {
        var reader = CompactRecordReader(bytes: bytes)
        let at = try reader.time()
        let clientId = try reader.string()
        let externalID = try reader.string()
        guard reader.offset < bytes.count, bytes[reader.offset] <= 3 else { throw RecordReader.Malformed() }
        let flags = bytes[reader.offset]
        reader.offset += 1
        let position = try reader.varint()
        guard reader.offset == bytes.count else { throw RecordReader.Malformed() }
        return ReadRecord(
            at: at, clientId: clientId, externalID: externalID, registered: flags & 1 != 0, idsPosition: position,
            ledgerOpen: flags & 2 != 0)
    }

    private mutating func time() throws(RecordReader.Malformed) -> SimTime {
        let varint = try varint()
        return SimTime(millisecondsSince1970: Int64(bitPattern: varint >> 1) ^ -Int64(bitPattern: varint & 1))
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func varint() throws(RecordReader.Malformed) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw RecordReader.Malformed() }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    private mutating func data() throws(RecordReader.Malformed) -> [UInt8] {
        let count = try varint()
        guard count <= UInt64(bytes.count - offset) else { throw RecordReader.Malformed() }
        defer { offset += Int(count) }
        return Array(bytes[offset..<(offset + Int(count))])
    }

    private mutating func string() throws(RecordReader.Malformed) -> String {
        let count = try varint()
        guard count <= UInt64(bytes.count - offset) else { throw RecordReader.Malformed() }
        defer { offset += Int(count) }
        return bytes.withUnsafeBufferPointer { String(decoding: $0[offset..<(offset + Int(count))], as: UTF8.self) }
    }
}
