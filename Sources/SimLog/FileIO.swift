#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX file calls the log needs, with `EINTR` retried and failures named.
enum FileIO {
    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// The whole contents of the file at `fd`, from its start.
    static func readAll(_ fd: Int32, path: String) throws(LogError) -> [UInt8] {
        // Read into a buffer of the file's size (a start reads the whole log: no regrowing and copying it).
        var status = stat()
        var result = [UInt8](repeating: 0, count: fstat(fd, &status) == 0 ? Int(status.st_size) + 1 : 1 << 20)
        var filled = 0
        while true {
            if filled == result.count { result += [UInt8](repeating: 0, count: max(result.count, 1 << 20)) }
            let count = result.withUnsafeMutableBytes { buffer in
                pread(fd, buffer.baseAddress! + filled, buffer.count - filled, off_t(filled))
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw LogError("cannot read \(path): \(describe(errno))")
            }
            if count == 0 {
                result.removeLast(result.count - filled)
                return result
            }
            filled += count
        }
    }

    /// Writes all of `bytes` at `offset` of the file.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int) -> Int32? {
        var done = 0
        while done < bytes.count {
            let count = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if count < 0 {
                if errno == EINTR { continue }
                return errno
            }
            done += count
        }
        return nil
    }

    /// Writes all of `bytes` at the file's current end.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        var done = 0
        while done < bytes.count {
            let count = write(fd, bytes.baseAddress! + done, bytes.count - done)
            if count < 0 {
                if errno == EINTR { continue }
                return errno
            }
            done += count
        }
        return nil
    }

    /// Writes zeros over `start..<end` of the file.
    static func writeZeros(_ fd: Int32, from start: Int, to end: Int) -> Int32? {
        let zeros = [UInt8](repeating: 0, count: 1 << 20)
        var offset = start
        while offset < end {
            let count = min(zeros.count, end - offset)
            let failure = zeros.withUnsafeBytes { writeAll(fd, UnsafeRawBufferPointer(rebasing: $0[..<count]), at: offset) }
            if let failure { return failure }
            offset += count
        }
        return nil
    }

    /// Flushes a descriptor's data (and, for a directory, its entries) to the disk.
    static func sync(_ fd: Int32) -> Int32? {
        while fsync(fd) != 0 {
            if errno != EINTR { return errno }
        }
        return nil
    }

    /// Flushes a file's data (and the size needed to read it back) to the disk.
    static func syncData(_ fd: Int32) -> Int32? {
        while fdatasync(fd) != 0 {
            if errno != EINTR { return errno }
        }
        return nil
    }

    /// Makes a new or renamed entry of `directory` durable.
    static func syncDirectory(_ directory: String) throws(LogError) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw LogError("cannot open \(directory): \(describe(errno))") }
        defer { close(fd) }
        if let code = sync(fd) { throw LogError("cannot sync \(directory): \(describe(code))") }
    }

    /// Writes `bytes` to `directory/name` so that a crash leaves either the old file or the new one whole:
    /// a temporary file, fsync, rename over the name, fsync of the directory.
    static func replaceAtomically(_ directory: String, _ name: String, with bytes: [UInt8]) throws(LogError) {
        let temporary = "\(directory)/.\(name).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LogError("cannot create \(temporary): \(describe(errno))") }
        let failure = bytes.withUnsafeBytes { writeAll(fd, $0) } ?? sync(fd)
        close(fd)
        if let failure { throw LogError("cannot write \(temporary): \(describe(failure))") }
        guard rename(temporary, "\(directory)/\(name)") == 0 else {
            throw LogError("cannot rename \(temporary) to \(name): \(describe(errno))")
        }
        try syncDirectory(directory)
    }

    /// The names of the entries of `directory` (`.` and `..` included), in the order the system lists them.
    static func entryNames(_ directory: String) throws(LogError) -> [String] {
        guard let dir = opendir(directory) else {
            throw LogError("cannot list \(directory): \(describe(errno))")
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            names.append(withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            })
        }
        return names
    }
}
