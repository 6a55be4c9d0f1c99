import SimHTTP
import SimServer
import Synchronization

/// Routes by path so each test can ask for the server behaviour it needs:
/// - `/delay/<ms>`: answers after the delay, body `delayed <ms>`.
/// - `/close`: closes without answering.
/// - `/raw`: writes a truncated response and closes.
/// - `/bye`: answers with `Connection: close`.
/// - anything else: echoes method, target and body.
struct TestResponder: HTTPResponder {
    static let rawBytes = Array("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\ntrunc".utf8)
    /// Targets with a `tag=` query received so far, so a test can wait until its request is in the server.
    private static let seen = Mutex<Set<String>>([])

    /// Whether a request for `target` (which must carry a `tag=` query) reached a responder.
    static func hasSeen(_ target: String) -> Bool {
        seen.withLock { $0.contains(target) }
    }

    func respond(to request: HTTPRequest) -> HTTPReply {
        if request.target.contains("tag=") { _ = Self.seen.withLock { $0.insert(request.target) } }
        let path = request.path
        if path.hasPrefix("/delay/"), let milliseconds = Int(path.dropFirst("/delay/".count)) {
            let body = Array("delayed \(milliseconds)".utf8)
            return HTTPReply(.respond(HTTPResponse(status: .ok, body: body)), delay: .milliseconds(milliseconds))
        }
        switch path {
        case "/close":
            return HTTPReply(.closeWithoutResponse)
        case "/raw":
            return HTTPReply(.writeRawAndClose(Self.rawBytes))
        case "/bye":
            return .respond(HTTPResponse(status: .ok, headers: ["Connection": "close"], body: Array("bye".utf8)))
        default:
            var headers: HTTPHeaders = ["X-Method": request.method.rawValue, "X-Target": request.target]
            headers["X-Body-Length"] = String(request.body.count)
            return .respond(HTTPResponse(status: .ok, headers: headers, body: request.body))
        }
    }
}

/// Runs `body` against a fresh server on a free port, then shuts the server down.
func withServer<T>(
    _ configuration: HTTPServer.Configuration = .init(),
    _ body: (HTTPServer) throws -> T
) throws -> T {
    var configuration = configuration
    configuration.host = "127.0.0.1"
    configuration.port = 0
    let server = try HTTPServer(configuration: configuration, responder: TestResponder())
    try server.start()
    defer { server.shutdown() }
    return try body(server)
}
