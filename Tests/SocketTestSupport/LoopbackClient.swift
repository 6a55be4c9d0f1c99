#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure of the test client itself (connect refused, timeout, a malformed answer).
public struct LoopbackClientError: Error, CustomStringConvertible {
    public let description: String
    /// The `errno` of the failed call, 0 when the failure was not a system call.
    public let code: Int32

    public init(_ description: String, code: Int32 = 0) {
        self.description = description
        self.code = code
    }

    static func system(_ call: String) -> LoopbackClientError {
        let code = errno
        return LoopbackClientError("\(call): \(String(cString: strerror(code))) (errno \(code))", code: code)
    }
}

/// A blocking client socket to 127.0.0.1 with send and receive timeouts, so no test can hang on a silent
/// server. One connection, keep-alive: send requests, read their answers in order.
public final class LoopbackClient {
    public let fd: Int32
    private var received: [UInt8] = []

    /// Connects to 127.0.0.1:`port`; throws if the connection is refused. The timeout is a ceiling that only a
    /// server that never answers reaches: on a loaded machine (2 cores, the whole suite in parallel) an answer
    /// can take seconds, and no test waits for the timeout on purpose.
    public init(port: Int, timeout: Duration = .seconds(30)) throws {
        #if canImport(Glibc)
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw LoopbackClientError.system("socket") }
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
            // No close here: a class initializer that throws after setting every property still runs deinit.
            throw LoopbackClientError.system("connect to 127.0.0.1:\(port)")
        }
        setTimeout(timeout)
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit {
        close(fd)
    }

    /// Sets the receive and send timeouts; a read that waits longer throws.
    public func setTimeout(_ timeout: Duration) {
        let (seconds, attoseconds) = timeout.components
        var value = timeval(tv_sec: .init(seconds), tv_usec: .init(attoseconds / 1_000_000_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    public func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    /// Sends every byte (never raising SIGPIPE); throws when the peer is gone.
    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { buffer in
                #if canImport(Glibc)
                Glibc.send(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
                #else
                Darwin.send(fd, buffer.baseAddress, buffer.count, 0)
                #endif
            }
            guard sent > 0 else { throw LoopbackClientError.system("send") }
            offset += sent
        }
    }

    /// Whether a read would not block now: bytes arrived, or the server closed (or buffered bytes remain).
    public func isReadable() -> Bool {
        if !received.isEmpty { return true }
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) > 0
    }

    /// Sends FIN: the server sees the end of the request stream but can still answer.
    public func shutdownWrite() {
        #if canImport(Glibc)
        _ = shutdown(fd, Int32(SHUT_WR))
        #else
        _ = shutdown(fd, SHUT_WR)
        #endif
    }

    /// Sends `bytes` and reads what comes back for them.
    public func exchange(_ bytes: [UInt8]) throws -> WireResult {
        try send(bytes)
        return try read()
    }

    /// Reads one response, or notes how the connection ended instead. HEAD answers and interim (1xx) ones
    /// have no body on the wire. Throws on timeout and on a head cut short.
    public func read(isHead: Bool = false) throws -> WireResult {
        let terminator = Array("\r\n\r\n".utf8)
        var headEnd = received.firstRange(of: terminator)?.upperBound
        while headEnd == nil {
            guard try fill() else {
                if received.isEmpty { return .closedWithoutResponse }
                throw LoopbackClientError("connection closed inside a response head (\(received.count) bytes)")
            }
            headEnd = received.firstRange(of: terminator)?.upperBound
        }
        guard let headEnd else { throw LoopbackClientError("no head") }
        var lines = String(decoding: received[..<headEnd], as: UTF8.self)
            .split(separator: "\r\n", omittingEmptySubsequences: true).map(String.init)
        received.removeFirst(headEnd)
        let statusLine = lines.isEmpty ? "" : lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0] == "HTTP/1.1", let status = Int(parts[1]) else {
            throw LoopbackClientError("bad status line \(statusLine.debugDescription)")
        }
        let headers = lines.map { line -> (name: String, value: String) in
            let colon = line.firstIndex(of: ":") ?? line.endIndex
            let value = line[colon...].dropFirst().drop { $0 == " " }
            return (String(line[..<colon]), String(value.reversed().drop { $0 == " " }.reversed()))
        }
        var length = 0
        if !isHead, status >= 200 {
            length = headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
        }
        while received.count < length {
            guard try fill() else { return .truncated(status: status, declared: length, received: received.count) }
        }
        let body = Array(received[..<length])
        received.removeFirst(length)
        return .response(WireResponse(statusLine: statusLine, status: status, headers: headers, body: body))
    }

    /// Reads one complete response; anything else (a close, a cut body) is an error.
    public func readResponse(isHead: Bool = false) throws -> WireResponse {
        let result = try read(isHead: isHead)
        guard case .response(let response) = result else { throw LoopbackClientError("expected a response, got \(result)") }
        return response
    }

    /// Reads until the server closes; returns what arrived (after anything already buffered).
    public func readToEnd() throws -> [UInt8] {
        while try fill() {}
        defer { received.removeAll() }
        return received
    }

    /// Whether the server closes the connection (end of stream or reset) within the receive timeout, with no
    /// further bytes.
    public func isClosedByServer() -> Bool {
        do {
            return try readToEnd().isEmpty
        } catch let error as LoopbackClientError {
            return error.code == ECONNRESET
        } catch {
            return false
        }
    }

    /// Reads more bytes; false at end of stream, throws on timeout or error (a reset included, with its code).
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count > 0 {
            received.append(contentsOf: chunk[..<count])
            return true
        }
        if count == 0 { return false }
        throw LoopbackClientError.system("recv")
    }
}
