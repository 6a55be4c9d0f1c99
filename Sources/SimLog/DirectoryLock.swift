#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on `DIR/LOCK`, held for the life of the process that owns the directory. The kernel
/// drops it when the process dies, however it dies, so a `kill -9` never leaves a stale lock behind.
public final class DirectoryLock: Sendable {
    let fd: Int32

    /// Takes the lock, or throws naming the process that holds it.
    public init(directory: String) throws(LogError) {
        let path = "\(directory)/LOCK"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LogError("cannot open \(path): \(FileIO.describe(errno))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            let holder = (try? FileIO.readAll(fd, path: path)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            close(fd)
            if code == EWOULDBLOCK {
                let who = holder.isEmpty ? "another process" : "another process (pid \(holder.trimmingSpaces))"
                throw LogError("\(directory) is in use by \(who); one server per state directory")
            }
            throw LogError("cannot lock \(path): \(FileIO.describe(code))")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        self.fd = fd
    }

    /// Lets another opener take the directory (closing the log does this; so does the process's end).
    public func release() {
        _ = flock(fd, LOCK_UN)
    }

    deinit { close(fd) }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(self.filter { !$0.isWhitespace })
    }
}
