#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import SimJSON

/// The one JSON line `serve --ready-file`/`--ready-json` gives a test harness the moment the server listens:
/// `{"port":…,"baseURL":"http://…","adminToken":"…","pid":…}`. Field order is fixed.
struct ReadyAnnouncement {
    var host: String
    var port: Int
    var baseURL: String
    var adminToken: String

    var line: String {
        JSONValue.object(JSONObject([
            ("port", .int(port)), ("host", .string(host)), ("baseURL", .string(baseURL)),
            ("adminToken", .string(adminToken)), ("pid", .int(Int(getpid())))
        ])).compactText
    }

    /// Writes the line to a sibling file first and renames it over `path`, so a harness polling for the file
    /// never reads half a line.
    func write(to path: String) throws(CLIError) {
        let temporary = "\(path).\(getpid()).tmp"
        let bytes = Array((line + "\n").utf8)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CLIError("cannot write the ready file \(path): \(Self.lastError())") }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                let message = Self.lastError()
                close(fd)
                unlink(temporary)
                throw CLIError("cannot write the ready file \(path): \(message)")
            }
            written += count
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let message = Self.lastError()
            unlink(temporary)
            throw CLIError("cannot write the ready file \(path): \(message)")
        }
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
