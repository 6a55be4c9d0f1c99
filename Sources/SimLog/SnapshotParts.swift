#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Where a snapshot's large byte arrays are kept: one file `part.N` each, written once and named by the
/// snapshots that use it, so a snapshot writes only the arrays that changed since the last one.
///
/// Layout of a part file: `SNAPPRT1`, the bytes' length (8 bytes LE), their CRC-32C (4 bytes LE), the bytes.
public struct SnapshotPart: Equatable, Sendable {
    /// `N` of the file `part.N`.
    public var file: UInt64
    public var length: Int
    public var checksum: UInt32

    public init(file: UInt64, length: Int, checksum: UInt32) {
        self.file = file
        self.length = length
        self.checksum = checksum
    }

    /// The file's name in the directory.
    public var fileName: String { "part.\(file)" }
    static let magic = Array("SNAPPRT1".utf8)
    static let headerSize = 20
}

extension FileIO {
    /// Fills `bytes` from `offset` of the file; an error code, or `EIO` when the file ends first.
    static func readAll(_ fd: Int32, into bytes: inout [UInt8], at offset: Int) -> Int32? {
        bytes.withUnsafeMutableBytes { buffer in
            var done = 0
            while done < buffer.count {
                let count = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
                if count < 0, errno == EINTR { continue }
                if count < 0 { return errno }
                if count == 0 { return EIO }
                done += count
            }
            return nil
        }
    }
}

/// The part files of a state directory, as the snapshot thread writes them (one snapshot at a time).
///
/// An array is known again by its storage, not its bytes: the arrays of the last snapshot are kept alive here,
/// so an array sharing the storage (same address, same count) of one of them is that array, unchanged (a
/// shared array storage is copied before it is written to). Reading a 48 MB state to compare it would cost
/// what writing it costs.
public final class SnapshotPartFiles: Sendable {
    public let directory: String
    private struct Written: Sendable {
        var byStorage: [StorageKey: (part: SnapshotPart, bytes: [UInt8])] = [:]
    }
    private struct StorageKey: Hashable, Sendable {
        let address: UInt
        let count: Int
    }
    /// The parts of the last saved snapshot, and those written for the one being taken.
    private let saved = Mutex(Written())
    private let pending = Mutex(Written())
    /// The number of the next new file: after every one present (listed when the first is written).
    private let nextFile = Mutex<UInt64?>(nil)
    /// New part files written since the last ``syncNewFiles()``, open until it syncs them.
    private let unsynced = Mutex<[(fd: Int32, path: String)]>([])

    /// `directory`'s part files.
    public init(directory: String) {
        self.directory = directory
    }

    /// The part holding `bytes`: the one written before for the same array, or a new file (written, not yet
    /// synced: ``syncNewFiles()`` syncs every new file and then the directory). `wrote` says whether a file was
    /// written.
    public func store(_ bytes: [UInt8]) throws(LogError) -> (part: SnapshotPart, wrote: Bool) {
        let key = bytes.withUnsafeBufferPointer { StorageKey(address: UInt(bitPattern: $0.baseAddress), count: $0.count) }
        if let known = saved.withLock({ $0.byStorage[key] }) ?? pending.withLock({ $0.byStorage[key] }) {
            pending.withLock { $0.byStorage[key] = known }
            return (known.part, false)
        }
        let file: UInt64
        if let listed = nextFile.withLock({ $0 }) { file = listed } else { file = (try Self.list(directory).max() ?? 0) + 1 }
        nextFile.withLock { $0 = file + 1 }
        let part = SnapshotPart(file: file, length: bytes.count, checksum: CRC32C.checksum(bytes))
        let path = "\(directory)/\(part.fileName)"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LogError("cannot create \(path): \(FileIO.describe(errno))") }
        var header = SnapshotPart.magic
        for index in 0..<8 { header.append(UInt8(truncatingIfNeeded: UInt64(part.length) >> UInt64(index * 8))) }
        for index in 0..<4 { header.append(UInt8(truncatingIfNeeded: part.checksum >> UInt32(index * 8))) }
        let failure = header.withUnsafeBytes { FileIO.writeAll(fd, $0, at: 0) }
            ?? bytes.withUnsafeBytes { FileIO.writeAll(fd, $0, at: SnapshotPart.headerSize) }
        if let failure {
            close(fd)
            throw LogError("cannot write \(path): \(FileIO.describe(failure))")
        }
        // Synced with the others by syncNewFiles: one fdatasync each right after its write made every new file's
        // size its own journal commit (~15 files per snapshot under reads: a whole chunk of IDs each).
        unsynced.withLock { $0.append((fd, path)) }
        pending.withLock { $0.byStorage[key] = (part, bytes) }
        return (part, true)
    }

    /// Makes the files written by ``store(_:)`` and their entries durable (before the snapshot naming them is).
    public func syncNewFiles() throws(LogError) {
        let files = takeUnsynced()
        var failure: (Int32, String)?
        for (fd, path) in files {
            if failure == nil, let code = FileIO.syncData(fd) { failure = (code, path) }
            close(fd)
        }
        if let (code, path) = failure { throw LogError("cannot write \(path): \(FileIO.describe(code))") }
        try FileIO.syncDirectory(directory)
    }

    /// After the snapshot naming the parts stored since the last call was saved: keeps exactly those (their
    /// arrays, to know them again) and deletes every other part file.
    public func saved(keeping parts: [SnapshotPart]) throws(LogError) {
        let kept = Set(parts.map(\.file))
        let written = pending.withLock { pending in
            defer { pending = Written() }
            return pending
        }
        saved.withLock { $0 = written }
        for file in try Self.list(directory) where !kept.contains(file) { unlink("\(directory)/part.\(file)") }
    }

    private func takeUnsynced() -> [(fd: Int32, path: String)] {
        unsynced.withLock { files in
            defer { files = [] }
            return files
        }
    }

    /// After a snapshot could not be saved: forgets the parts stored for it (their files are deleted by the
    /// next snapshot that is saved).
    public func abandon() {
        for file in takeUnsynced() { close(file.fd) }
        pending.withLock { $0 = Written() }
    }

    /// Reads `part` of `directory`; throws, naming the file, when it is missing or is not exactly the bytes the
    /// snapshot names (length and checksum). `refusal` ends each message.
    public static func read(_ part: SnapshotPart, directory: String, refusal: String) throws(LogError) -> [UInt8] {
        let path = "\(directory)/\(part.fileName)"
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0, errno == ENOENT {
            throw LogError("\(path) is missing, and the snapshot needs it; \(refusal)")
        }
        guard fd >= 0 else { throw LogError("cannot open \(path): \(FileIO.describe(errno))") }
        defer { close(fd) }
        var status = stat()
        let size = fstat(fd, &status) == 0 ? Int(status.st_size) : -1
        var header = [UInt8](repeating: 0, count: SnapshotPart.headerSize)
        guard size >= SnapshotPart.headerSize, FileIO.readAll(fd, into: &header, at: 0) == nil,
            header.prefix(SnapshotPart.magic.count).elementsEqual(SnapshotPart.magic)
        else {
            throw LogError("\(path) is not a snapsim snapshot part (too short or no SNAPPRT1 header); \(refusal)")
        }
        let length = (0..<8).reduce(UInt64(0)) { $0 | UInt64(header[8 + $1]) << UInt64($1 * 8) }
        let checksum = (0..<4).reduce(UInt32(0)) { $0 | UInt32(header[16 + $1]) << UInt32($1 * 8) }
        guard length == UInt64(part.length), size - SnapshotPart.headerSize == part.length else {
            throw LogError(
                "\(path) is damaged: the snapshot names \(part.length) bytes, the file holds "
                    + "\(size - SnapshotPart.headerSize) and says \(length); \(refusal)")
        }
        // Read straight into the array handed on (40 MB for a day of top-ups: no second copy).
        var payload = [UInt8](repeating: 0, count: part.length)
        if let failure = FileIO.readAll(fd, into: &payload, at: SnapshotPart.headerSize) {
            throw LogError("cannot read \(path): \(FileIO.describe(failure))")
        }
        guard checksum == part.checksum, CRC32C.checksum(payload) == part.checksum else {
            throw LogError("\(path) is damaged: its checksum does not match its bytes; \(refusal)")
        }
        return payload
    }

    /// The part file numbers present in `directory`.
    static func list(_ directory: String) throws(LogError) -> [UInt64] {
        try FileIO.entryNames(directory).compactMap { name in
            name.hasPrefix("part.") ? UInt64(name.dropFirst(5)) : nil
        }
    }
}
