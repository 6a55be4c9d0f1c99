#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The snapshot file of a state directory (`snapshot`): a whole state as of the start of log segment
/// ``segment``, so that a start reads it and replays only the segments from that one on.
///
/// Layout: `SNAPSNP1`, the segment number (8 bytes LE), the payload's length (8 bytes LE), its CRC-32C
/// (4 bytes LE), the payload. It is replaced whole (temporary file, fsync, rename, directory fsync), so a crash
/// leaves the old snapshot or the new one; anything else found there is damage, and the start stops on it.
public struct LogSnapshot: Sendable {
    /// The first log segment not covered by the snapshot.
    public var segment: UInt64
    /// The state, as the caller encoded it.
    public var payload: [UInt8]

    public init(segment: UInt64, payload: [UInt8]) {
        self.segment = segment
        self.payload = payload
    }

    /// The file's name in the directory.
    public static let fileName = "snapshot"
    static let magic = Array("SNAPSNP1".utf8)
    static let headerSize = 28

    /// The file's bytes.
    var encoded: [UInt8] {
        var bytes = Self.magic
        bytes.reserveCapacity(Self.headerSize + payload.count)
        append(segment, 8, to: &bytes)
        append(UInt64(payload.count), 8, to: &bytes)
        append(UInt64(CRC32C.checksum(payload)), 4, to: &bytes)
        bytes.append(contentsOf: payload)
        return bytes
    }

    private func append(_ value: UInt64, _ width: Int, to bytes: inout [UInt8]) {
        for index in 0..<width { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(index * 8))) }
    }

    /// Reads a snapshot file's bytes; throws, naming the file, when they are not a whole snapshot.
    static func read(_ bytes: [UInt8], file: String) throws(LogError) -> LogSnapshot {
        func number(_ offset: Int, _ width: Int) -> UInt64 {
            (0..<width).reduce(0) { $0 | UInt64(bytes[offset + $1]) << UInt64($1 * 8) }
        }
        let refusal = "refusing to start; move the file away to start from the log alone only if the log still "
            + "holds every record (it does not after a compaction)"
        guard bytes.count >= headerSize, Array(bytes.prefix(magic.count)) == magic else {
            throw LogError("\(file) is not a snapsim snapshot (too short or no SNAPSNP1 header); \(refusal)")
        }
        let length = number(16, 8)
        guard length == UInt64(bytes.count - headerSize) else {
            throw LogError("\(file) is damaged: it says \(length) bytes of state but holds \(bytes.count - headerSize); \(refusal)")
        }
        let payload = Array(bytes[headerSize...])
        guard UInt64(CRC32C.checksum(payload)) == number(24, 4) else {
            throw LogError("\(file) is damaged: its checksum does not match its bytes; \(refusal)")
        }
        return LogSnapshot(segment: number(8, 8), payload: payload)
    }
}

/// The log's segment files: `log` is segment 0, `log.N` segment N. A snapshot covering segments below N lets
/// every segment below N be deleted.
enum LogSegments {
    static func name(_ number: UInt64) -> String {
        number == 0 ? "log" : "log.\(number)"
    }

    /// The segment numbers present in `directory`, ascending.
    static func list(_ directory: String) throws(LogError) -> [UInt64] {
        try FileIO.entryNames(directory).compactMap { name -> UInt64? in
            if name == "log" { return 0 }
            guard name.hasPrefix("log."), let number = UInt64(name.dropFirst(4)), number > 0 else { return nil }
            return number
        }.sorted()
    }
}
