#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LogSegments {
    /// Creates (or empties) segment `number` in `directory` with its header, then zeros up to `writingAhead`
    /// bytes (the space an fdatasync then finds already allocated), synced with its directory entry; returns its
    /// descriptor, open for reading and writing.
    static func create(_ directory: String, _ number: UInt64, writingAhead: Int) throws(LogError) -> Int32 {
        let path = "\(directory)/\(name(number))"
        let fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LogError("cannot create \(path): \(FileIO.describe(errno))") }
        var failure = LogRecovery.magic.withUnsafeBytes { FileIO.writeAll(fd, $0, at: 0) }
        if failure == nil, writingAhead > LogRecovery.magic.count {
            failure = FileIO.writeZeros(fd, from: LogRecovery.magic.count, to: writingAhead)
        }
        if let failure = failure ?? FileIO.sync(fd) {
            close(fd)
            throw LogError("cannot write \(path): \(FileIO.describe(failure))")
        }
        do throws(LogError) {
            try FileIO.syncDirectory(directory)
        } catch {
            close(fd)
            throw error
        }
        return fd
    }
}
