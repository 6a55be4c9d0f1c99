#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Opening a log directory: its lock, its snapshot, every segment's records, the torn tail cut.
extension DurableLog {
    /// Opens (creating if need be) the log in `directory`: takes the directory's lock, reads every record,
    /// cuts a torn tail (reported in the recovery), and starts the writer thread.
    /// - Throws: when another process holds the directory, or the log is damaged other than at its tail (the
    ///   file is then left as it is).
    public static func open(directory: String) throws(LogError) -> (DurableLog, LogRecovery) {
        if mkdir(directory, 0o755) != 0, errno != EEXIST {
            throw LogError("cannot create the state directory \(directory): \(FileIO.describe(errno))")
        }
        let lock = try DirectoryLock(directory: directory)
        let snapshot = try readSnapshot(directory)
        let base = snapshot?.segment ?? 0
        let present = try LogSegments.list(directory)
        // Segments the snapshot covers are what a compaction cut short left behind.
        for number in present where number < base { unlink("\(directory)/\(LogSegments.name(number))") }
        let segments = present.filter { $0 >= base }
        var records: [[UInt8]] = []
        for number in segments.dropLast() {
            let path = "\(directory)/\(LogSegments.name(number))"
            let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw LogError("cannot open \(path): \(FileIO.describe(errno))") }
            defer { Glibc.close(fd) }
            let bytes = try FileIO.readAll(fd, path: path)
            let (recovery, cut) = try LogRecovery.read(bytes, file: path)
            // Zeros after the last record are the space the segment had written ahead when the next one started;
            // anything else is damage.
            if let cut, !LogRecovery.isZeroFilled(bytes[cut...]) {
                throw LogError(
                    "\(path) is damaged at byte \(cut) but a later log segment follows it: this is not a torn write; "
                        + "refusing to start and leaving the directory as it is")
            }
            records += recovery.records
        }
        var (log, recovery) = try openSegment(directory, segments.last ?? base, lock: lock, earlier: records.count)
        recovery.records = records + recovery.records
        recovery.snapshot = snapshot
        return (log, recovery)
    }

    private static func readSnapshot(_ directory: String) throws(LogError) -> LogSnapshot? {
        let path = "\(directory)/\(LogSnapshot.fileName)"
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0, errno == ENOENT { return nil }
        guard fd >= 0 else { throw LogError("cannot open \(path): \(FileIO.describe(errno))") }
        defer { Glibc.close(fd) }
        return try LogSnapshot.read(try FileIO.readAll(fd, path: path), file: path)
    }

    /// Opens the last segment for appending: reads its records, cuts a torn tail, starts the writer thread.
    private static func openSegment(
        _ directory: String, _ number: UInt64, lock: DirectoryLock, earlier: Int
    ) throws(LogError) -> (DurableLog, LogRecovery) {
        let path = "\(directory)/\(LogSegments.name(number))"
        let existed = access(path, F_OK) == 0
        let fd = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LogError("cannot open \(path): \(FileIO.describe(errno))") }
        do throws(LogError) {
            let bytes = try FileIO.readAll(fd, path: path)
            let (recovery, cut) = try LogRecovery.read(bytes, file: path)
            var size = cut ?? bytes.count
            if let cut {
                guard ftruncate(fd, off_t(cut)) == 0, FileIO.sync(fd) == nil else {
                    throw LogError("cannot cut the torn tail of \(path): \(FileIO.describe(errno))")
                }
            }
            if size == 0 {
                let failure = LogRecovery.magic.withUnsafeBytes { FileIO.writeAll(fd, $0, at: 0) } ?? FileIO.sync(fd)
                if let failure { throw LogError("cannot write \(path): \(FileIO.describe(failure))") }
                size = LogRecovery.magic.count
            }
            if !existed { try FileIO.syncDirectory(directory) }
            let log = DurableLog(
                directory: directory, fd: fd, segment: number, lock: lock, records: earlier + recovery.records.count,
                size: size)
            let thread = Thread { log.writeLoop() }
            thread.name = "snapsim-log-writer"
            thread.start()
            return (log, recovery)
        } catch {
            Glibc.close(fd)
            throw error
        }
    }
}
