import Dispatch
import SimHTTP
import Synchronization

/// A small HTTP/1.1 client over plain sockets: one request, one complete response, each step under a deadline.
///
/// `send` is synchronous and blocks the calling thread (a delivery thread, a command); the `async` overload runs
/// it on a Dispatch worker so callers on the cooperative pool do not block it. The value is `Sendable`: one
/// client may serve many threads; with `reuseConnections`, idle kept-alive connections are shared through a
/// lock that is never held during I/O.
public struct HTTPClient: Sendable {
    /// How long each step may take. A step that overruns fails with the matching ``HTTPClientError``.
    public struct Deadlines: Sendable, Equatable {
        /// Resolving and establishing the connection.
        public var connect: Duration
        /// Writing the whole request.
        public var write: Duration
        /// Receiving the whole response, counted from the end of the write.
        public var read: Duration

        public init(connect: Duration = .seconds(5), write: Duration = .seconds(10), read: Duration = .seconds(30)) {
            self.connect = connect
            self.write = write
            self.read = read
        }
    }

    public var deadlines: Deadlines
    /// The largest response body accepted; bigger answers fail with ``HTTPClientError/responseTooLarge(limit:)``.
    public var maxResponseBytes: Int
    private let idle: IdleConnections?

    /// With `reuseConnections` false every request gets its own connection and sends `Connection: close`.
    public init(deadlines: Deadlines = Deadlines(), maxResponseBytes: Int = 16 << 20, reuseConnections: Bool = false) {
        self.deadlines = deadlines
        self.maxResponseBytes = maxResponseBytes
        idle = reuseConnections ? IdleConnections() : nil
    }

    /// Sends `request` to `endpoint`; the request's target is appended to the endpoint's path prefix. `Host` and
    /// `Content-Length` are added unless present.
    public func send(_ request: HTTPRequest, to endpoint: HTTPEndpoint) throws(HTTPClientError) -> HTTPClientResponse {
        let head = try encodeHead(request, endpoint: endpoint)
        if let idle, let fd = idle.take(endpoint) {
            let socket = ClientSocket(adopting: fd)
            if socket.isQuiet() {
                do throws(HTTPClientError) {
                    return try exchange(head, request, endpoint, on: socket)
                } catch {
                    // A kept-alive connection the server closed meanwhile: nothing was answered, so the request
                    // goes again on a fresh connection (as browsers and Go's client do).
                    switch error {
                    case .connectionReset(0), .closedEarly(0): break
                    default: throw error
                    }
                }
            }
        }
        let socket = try ClientSocket(
            connectingTo: endpoint.host, port: endpoint.port, deadline: .now + deadlines.connect,
            timeout: deadlines.connect)
        return try exchange(head, request, endpoint, on: socket)
    }

    /// Sends to an absolute URL, `http://host[:port]/path?query`.
    public func send(_ request: HTTPRequest, url: String) throws(HTTPClientError) -> HTTPClientResponse {
        let endpoint = try HTTPEndpoint(url: url)
        var request = request
        let afterAuthority = url.firstRange(of: "://").map { url[$0.upperBound...] } ?? url[...]
        let targetStart = afterAuthority.firstIndex { $0 == "/" || $0 == "?" }
        request.target = targetStart.map { String(afterAuthority[$0...].prefix { $0 != "#" }) } ?? "/"
        if request.target.hasPrefix("?") { request.target = "/" + request.target }
        return try send(request, to: HTTPEndpoint(host: endpoint.host, port: endpoint.port))
    }

    /// Runs ``send(_:to:)`` on a Dispatch worker thread and resumes when it finishes.
    public func send(_ request: HTTPRequest, to endpoint: HTTPEndpoint) async throws(HTTPClientError)
        -> HTTPClientResponse
    {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<HTTPClientResponse, HTTPClientError>, Never>) in
            DispatchQueue.global().async {
                continuation.resume(returning: Result { () throws(HTTPClientError) in try self.send(request, to: endpoint) })
            }
        }
        return try result.get()
    }

    /// Closes the idle kept-alive connections (they are also closed when the last copy of the client goes).
    public func closeIdleConnections() {
        idle?.closeAll()
    }

    private func exchange(_ head: [UInt8], _ request: HTTPRequest, _ endpoint: HTTPEndpoint, on socket: consuming ClientSocket)
        throws(HTTPClientError) -> HTTPClientResponse
    {
        try socket.write(head + request.body, deadline: .now + deadlines.write, timeout: deadlines.write)
        let deadline = ContinuousClock.now + deadlines.read
        var parser = HTTPResponseParser(requestMethod: request.method, bodyLimit: maxResponseBytes)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 16 * 1024, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            guard let result = try socket.read(into: buffer, deadline: deadline, received: parser.received) else {
                throw .readTimeout(after: deadlines.read, received: parser.received)
            }
            switch result {
            case .endOfFile:
                return try parser.finish()
            case .bytes(let count):
                if case .complete(let response, let reusable) = try parser.feed(UnsafeRawBufferPointer(rebasing: buffer[..<count])) {
                    if reusable, let idle { idle.put(socket.release(), for: endpoint) }
                    return response
                }
            }
        }
    }

    private func encodeHead(_ request: HTTPRequest, endpoint: HTTPEndpoint) throws(HTTPClientError) -> [UInt8] {
        // A line break in any part would let one value smuggle a header or a second request onto the wire.
        let breaksLine: (String) -> Bool = { $0.utf8.contains { $0 == 13 || $0 == 10 } }
        guard !breaksLine(request.method.rawValue), !request.method.rawValue.isEmpty else {
            throw .invalidRequest("method \"\(request.method.rawValue)\"")
        }
        guard !breaksLine(request.target), !request.target.contains(" ") else {
            throw .invalidRequest("target \"\(request.target)\" holds a space or line break")
        }
        for (name, value) in request.headers where name.isEmpty || breaksLine(name) || breaksLine(value) {
            throw .invalidRequest("header \"\(name)\" holds a line break or has no name")
        }
        var text = "\(request.method.rawValue) \(endpoint.pathPrefix)\(request.target) HTTP/1.1\r\n"
        if !request.headers.contains("Host") { text += "Host: \(endpoint.hostHeader)\r\n" }
        for (name, value) in request.headers where !Self.framingHeaders.contains(name.lowercased()) {
            text += "\(name): \(value)\r\n"
        }
        if !request.body.isEmpty || [.post, .put, .patch].contains(request.method) {
            text += "Content-Length: \(request.body.count)\r\n"
        }
        if idle == nil { text += "Connection: close\r\n" }
        text += "\r\n"
        return Array(text.utf8)
    }

    /// Headers the client sets itself from the body and its reuse policy.
    private static let framingHeaders: Set<String> = ["content-length", "transfer-encoding", "connection"]
}

/// Kept-alive connections waiting for the next request, per endpoint.
private final class IdleConnections: Sendable {
    private let connections = Mutex<[HTTPEndpoint: [Int32]]>([:])

    func take(_ endpoint: HTTPEndpoint) -> Int32? {
        connections.withLock { $0[endpoint]?.popLast() }
    }

    func put(_ fd: Int32, for endpoint: HTTPEndpoint) {
        connections.withLock { $0[endpoint, default: []].append(fd) }
    }

    func closeAll() {
        let all = connections.withLock { pool in
            defer { pool.removeAll() }
            return pool.values.flatMap { $0 }
        }
        for fd in all { _ = ClientSocket(adopting: fd) }  // deinit closes
    }

    deinit { closeAll() }
}
