/// How a record sits in a log file: its payload's length (4 bytes, little-endian), the payload's CRC-32C
/// (4 bytes, little-endian), then the payload. A reader that finds a length running past the end of the file,
/// or a checksum that does not match, knows the record was never completely written.
public enum RecordFrame {
    /// Bytes before each payload.
    public static let headerSize = 8
    /// Payloads larger than this are refused when written and treated as damage when read.
    public static let maxPayload = 64 << 20

    /// Appends `payload` (never empty), framed, to `buffer`.
    public static func append(_ payload: [UInt8], to buffer: inout [UInt8]) {
        append(payload, checksum: CRC32C.checksum(payload), to: &buffer)
    }

    /// Appends `payload` framed with `crc`, its checksum worked out beforehand (outside the log's lock).
    public static func append(_ payload: [UInt8], checksum crc: UInt32, to buffer: inout [UInt8]) {
        precondition(!payload.isEmpty && payload.count <= maxPayload, "a log record holds 1 byte to 64 MiB")
        let length = UInt32(payload.count)
        for shift in stride(from: 0, to: 32, by: 8) { buffer.append(UInt8(truncatingIfNeeded: length >> UInt32(shift))) }
        for shift in stride(from: 0, to: 32, by: 8) { buffer.append(UInt8(truncatingIfNeeded: crc >> UInt32(shift))) }
        buffer.append(contentsOf: payload)
    }

    /// Appends `payload` framed, its checksum left to ``seal(_:)``: the log's writer checksums a whole batch at
    /// once, so the thread that appends (a request's event loop) neither spends the time nor evicts its cache
    /// lines for the checksum's 8 KiB of tables (the CRC of one ~500-byte record cost ~0.4 µs there, ~1 % of a
    /// balance inquiry).
    static func appendUnsealed(_ payload: [UInt8], to buffer: inout [UInt8]) {
        precondition(!payload.isEmpty && payload.count <= maxPayload, "a log record holds 1 byte to 64 MiB")
        let header = UInt64(UInt32(payload.count)).littleEndian  // the length, then 4 zero bytes for the CRC
        withUnsafeBytes(of: header) { buffer.append(contentsOf: $0) }
        buffer.append(contentsOf: payload)
    }

    /// Writes the checksum of every frame in `frames` (whole frames from ``appendUnsealed(_:to:)``, back to back).
    static func seal(_ frames: UnsafeMutableRawBufferPointer) {
        var offset = 0
        while offset + headerSize <= frames.count {
            let length = Int(word(UnsafeRawBufferPointer(frames), offset))
            let start = offset + headerSize
            let crc = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: frames[start..<(start + length)]))
            frames.storeBytes(of: crc.littleEndian, toByteOffset: offset + 4, as: UInt32.self)
            offset = start + length
        }
    }

    /// What a reader finds at one offset of a file.
    public enum Scan: Equatable {
        /// A whole record: its payload and the offset just after it.
        case record(payload: Range<Int>, end: Int)
        /// The end of the file, exactly at a record boundary.
        case end
        /// Bytes that are not a whole, intact record.
        case damaged(String)
    }

    /// Reads the record starting at `offset` of `bytes`.
    public static func scan(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Scan {
        let remaining = bytes.count - offset
        if remaining == 0 { return .end }
        guard remaining >= headerSize else { return .damaged("a record header cut short (\(remaining) of \(headerSize) bytes)") }
        let length = Int(word(bytes, offset))
        let crc = word(bytes, offset + 4)
        // Zero-filled blocks (what a file system may leave after a power cut) must not pass for empty records.
        guard length > 0 else { return .damaged("a record of length 0 (records are never empty)") }
        guard length <= maxPayload else { return .damaged("a record length of \(length) bytes, beyond the \(maxPayload)-byte limit") }
        guard length <= remaining - headerSize else {
            return .damaged("a record of \(length) bytes with only \(remaining - headerSize) written")
        }
        let start = offset + headerSize
        let payload = UnsafeRawBufferPointer(rebasing: bytes[start..<(start + length)])
        guard CRC32C.checksum(payload) == crc else { return .damaged("a record whose checksum does not match its bytes") }
        return .record(payload: start..<(start + length), end: start + length)
    }

    private static func word(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }
}
