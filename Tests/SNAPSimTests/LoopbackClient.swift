#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a client read for one request: a whole response, or how the server failed to give one.
enum WireResult {
    /// A complete response.
    case response(status: Int, headers: [(name: String, value: String)], body: [UInt8])
    /// The connection closed before a byte of response arrived.
    case closedWithoutResponse
    /// A head arrived, then the connection closed with `received` of the `declared` body bytes.
    case truncated(status: Int, declared: Int, received: Int)

    var status: Int? {
        if case .response(let status, _, _) = self { status } else { nil }
    }

    var body: [UInt8]? {
        if case .response(_, _, let body) = self { body } else { nil }
    }
}

/// A blocking client socket to 127.0.0.1 with a receive timeout, so no test can hang on a silent server.
/// One connection, keep-alive: send a request, read its answer, repeat.
final class LoopbackClient {
    private let fd: Int32
    private var received: [UInt8] = []

    init(port: Int, timeout: Duration = .seconds(5)) throws {
        #if canImport(Glibc)
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw ControlTestError("socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard status == 0 else {
            // deinit closes fd: a class initializer that throws after setting every property still runs it.
            throw ControlTestError("connect to 127.0.0.1:\(port) failed")
        }
        let (seconds, attoseconds) = timeout.components
        var value = timeval(tv_sec: .init(seconds), tv_usec: .init(attoseconds / 1_000_000_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit {
        close(fd)
    }

    /// Sends `bytes` and reads what comes back for them.
    func exchange(_ bytes: [UInt8]) throws -> WireResult {
        try send(bytes)
        return try read()
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { buffer in
                #if canImport(Glibc)
                Glibc.send(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
                #else
                Darwin.send(fd, buffer.baseAddress, buffer.count, 0)
                #endif
            }
            guard sent > 0 else { throw ControlTestError("send failed") }
            offset += sent
        }
    }

    /// Reads one response, or notes how the connection ended instead.
    func read() throws -> WireResult {
        let terminator = Array("\r\n\r\n".utf8)
        var headEnd = received.firstRange(of: terminator)?.upperBound
        while headEnd == nil {
            guard try fill() else {
                if received.isEmpty { return .closedWithoutResponse }
                throw ControlTestError("connection closed inside a response head")
            }
            headEnd = received.firstRange(of: terminator)?.upperBound
        }
        guard let headEnd else { throw ControlTestError("no head") }
        let lines = String(decoding: received[..<headEnd], as: UTF8.self)
            .split(separator: "\r\n", omittingEmptySubsequences: true).map(String.init)
        received.removeFirst(headEnd)
        let parts = lines.first?.split(separator: " ") ?? []
        guard parts.count >= 2, let status = Int(parts[1]) else { throw ControlTestError("bad status line \(lines.first ?? "")") }
        let headers = lines.dropFirst().map { line -> (name: String, value: String) in
            let colon = line.firstIndex(of: ":") ?? line.endIndex
            return (String(line[..<colon]), String(line[colon...].dropFirst().drop { $0 == " " }))
        }
        let length = headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
        while received.count < length {
            guard try fill() else { return .truncated(status: status, declared: length, received: received.count) }
        }
        let body = Array(received[..<length])
        received.removeFirst(length)
        return .response(status: status, headers: headers, body: body)
    }

    /// Whether the server closes the connection with nothing more to read.
    func isClosedByServer() -> Bool {
        (try? fill()) == false && received.isEmpty
    }

    /// Reads more bytes; false at end of stream (or reset), throws on timeout.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count > 0 {
            received.append(contentsOf: chunk[..<count])
            return true
        }
        if count == 0 || errno == ECONNRESET { return false }
        throw ControlTestError("recv failed or timed out (errno \(errno))")
    }
}
