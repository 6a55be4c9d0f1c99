#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure of the test client itself.
struct TestClientError: Error, CustomStringConvertible {
    let description: String

    static func errno(_ call: String) -> TestClientError {
        TestClientError(description: "\(call): \(String(cString: strerror(lastErrno())))")
    }
}

/// A response as the test client read it off the wire.
struct TestResponse {
    let statusLine: String
    let status: Int
    let headers: [(name: String, value: String)]
    let body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    func headerCount(_ name: String) -> Int {
        headers.filter { $0.name.lowercased() == name.lowercased() }.count
    }

    var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// A blocking POSIX client socket with a receive timeout, so no test can hang on a silent server.
final class TestClient {
    let fd: Int32
    private var received: [UInt8] = []

    /// Connects to 127.0.0.1:`port`; throws if the connection is refused.
    init(port: Int, timeout: Duration = .seconds(3)) throws {
        #if canImport(Glibc)
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw TestClientError.errno("socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard status == 0 else {
            // No close here: a class initializer that throws after setting every property still runs deinit,
            // and closing twice could close a descriptor another thread has just been given.
            throw TestClientError.errno("connect")
        }
        setTimeout(timeout)
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit {
        close(fd)
    }

    func setTimeout(_ timeout: Duration) {
        let (seconds, attoseconds) = timeout.components
        var value = timeval(tv_sec: .init(seconds), tv_usec: .init(attoseconds / 1_000_000_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { systemSend(fd, $0.baseAddress, $0.count) }
            guard sent > 0 else { throw TestClientError.errno("send") }
            offset += sent
        }
    }

    /// Sends FIN: the server sees the end of the request stream but can still answer.
    func shutdownWrite() {
        #if canImport(Glibc)
        _ = shutdown(fd, Int32(SHUT_WR))
        #else
        _ = shutdown(fd, SHUT_WR)
        #endif
    }

    /// Reads more bytes; returns false on end of stream, throws on timeout or error.
    @discardableResult
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count > 0 {
            received.append(contentsOf: chunk[..<count])
            return true
        }
        if count == 0 { return false }
        throw TestClientError.errno("recv")
    }

    /// Reads one response. HEAD responses and interim (1xx) ones have no body on the wire.
    func readResponse(isHead: Bool = false) throws -> TestResponse {
        let terminator = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while headEnd == nil {
            headEnd = received.firstRange(of: terminator)?.upperBound
            if headEnd == nil, try !fill() {
                throw TestClientError(
                    description: "connection closed before a response head (got \(received.count) bytes)")
            }
        }
        let head = String(decoding: received[..<headEnd!], as: UTF8.self)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: true).map(String.init)
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0] == "HTTP/1.1", let status = Int(parts[1]) else {
            throw TestClientError(description: "bad status line: \(statusLine)")
        }
        let headers = lines.map { line -> (name: String, value: String) in
            let colon = line.firstIndex(of: ":") ?? line.endIndex
            return (String(line[..<colon]), String(line[colon...].dropFirst()).trimmingSpaces())
        }
        received.removeFirst(headEnd!)
        var length = 0
        if !isHead, status >= 200, let value = headers.first(where: { $0.name.lowercased() == "content-length" })?.value
        {
            length = Int(value) ?? 0
        }
        while received.count < length {
            if try !fill() { throw TestClientError(description: "connection closed inside a body") }
        }
        let body = Array(received[..<length])
        received.removeFirst(length)
        return TestResponse(statusLine: statusLine, status: status, headers: headers, body: body)
    }

    /// Reads until the server closes; returns what arrived (after anything already buffered).
    func readToEnd() throws -> [UInt8] {
        while try fill() {}
        defer { received.removeAll() }
        return received
    }

    /// Whether the server closes the connection (EOF or reset) within the receive timeout, with no bytes.
    func isClosedByServer() -> Bool {
        do {
            return try readToEnd().isEmpty
        } catch {
            // A reset also counts as closed; a timeout does not.
            return lastErrno() == ECONNRESET
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

/// `errno`, readable from a type that has members of the same name.
func lastErrno() -> Int32 { errno }

/// `send` without SIGPIPE, under a name that does not collide with ``TestClient/send(_:)``.
private func systemSend(_ fd: Int32, _ pointer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.send(fd, pointer, count, Int32(MSG_NOSIGNAL))
    #else
    Darwin.send(fd, pointer, count, 0)
    #endif
}
