// The benchmark server: SimServer with one JSON route. Built by run.sh with swiftc against the objects of
// `swift build -c release --target SimServer` (Package.swift has no executable for it).
#if canImport(Glibc)
import Glibc
#endif
import SimHTTP
import SimServer

/// Answers every request with a small JSON document after scanning the request's JSON body for
/// `"amount"`, so the route does real (if tiny) parsing work per request.
struct BenchResponder: HTTPResponder {
    static let okBody = Array(#"{"responseCode":"2001100","responseMessage":"Successful"}"#.utf8)
    static let badBody = Array(#"{"responseCode":"4001100","responseMessage":"Bad Request"}"#.utf8)

    func respond(to request: HTTPRequest) -> HTTPReply {
        if request.method == .post, !Self.containsAmount(request.body) {
            return .respond(HTTPResponse(status: .badRequest, body: Self.badBody))
        }
        return .respond(HTTPResponse(status: .ok, headers: ["Content-Type": "application/json"], body: Self.okBody))
    }

    /// A tiny scan: a JSON object containing the key "amount" followed by a colon.
    static func containsAmount(_ body: [UInt8]) -> Bool {
        let key = Array(#""amount""#.utf8)
        guard body.first == UInt8(ascii: "{"), body.count >= key.count else { return false }
        var index = 0
        while index + key.count <= body.count {
            if body[index] == key[0], Array(body[index..<(index + key.count)]) == key {
                var after = index + key.count
                while after < body.count, body[after] == UInt8(ascii: " ") { after += 1 }
                return after < body.count && body[after] == UInt8(ascii: ":")
            }
            index += 1
        }
        return false
    }
}

@main
struct BenchServer {
    static func main() throws {
        // Arguments: [port [eventLoopCount]]; defaults 0 (a free port) and the active processor count.
        let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
        var configuration = HTTPServer.Configuration(port: arguments.first ?? 0, maxConnections: 8192)
        if arguments.count > 1 { configuration.eventLoopCount = arguments[1] }
        let server = try HTTPServer(configuration: configuration, responder: BenchResponder())
        try server.start()
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        print("listening \(server.localPort) \(Int(now.tv_sec) * 1_000_000_000 + Int(now.tv_nsec))")
        fflush(stdout)
        server.stopOnSignals()
        server.waitUntilStopped()
        print("stopped")
    }
}
