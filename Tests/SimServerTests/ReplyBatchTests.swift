import Dispatch
import SimHTTP
import SimServer
import SocketTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `/hold/<name>` keeps the loop's thread until the test releases `<name>`; `/slow` takes 3 ms; anything else
/// answers its path at once. Every request's path is logged in the order the loop handled it.
final class HoldingResponder: HTTPResponder {
    let handled = Mutex<[String]>([])
    private let holds = Mutex<[String: DispatchSemaphore]>([:])

    func respond(to request: HTTPRequest) -> HTTPReply {
        let path = String(request.path)
        if path.hasPrefix("/hold/") {
            let release = DispatchSemaphore(value: 0)
            holds.withLock { $0[String(path.dropFirst("/hold/".count))] = release }
            handled.withLock { $0.append(path) }
            release.wait()
        } else {
            handled.withLock { $0.append(path) }
            // A slow request (the duration is the point, not an ordering): longer than the loop's write bound.
            if path == "/slow" { usleep(3_000) }
        }
        return .respond(HTTPResponse(status: .ok, body: Array(path.utf8)))
    }

    /// Waits (polling a condition) until the loop holds `name`, then returns its release.
    func holding(_ name: String) -> DispatchSemaphore {
        while true {
            if let release = holds.withLock({ $0[name] }) { return release }
            usleep(1000)
        }
    }

    /// Whether the loop handled `earlier` before `later`.
    func handled(_ earlier: String, before later: String) -> Bool {
        handled.withLock { log in
            guard let first = log.firstIndex(of: earlier), let second = log.firstIndex(of: later) else { return false }
            return first < second
        }
    }
}

/// Replies made while the loop handles one batch of ready connections are written when the batch is done, so
/// that a client woken once finds them all; a reply never waits for the batch more than about a millisecond.
@Suite struct ReplyBatchTests {
    /// A server with one event loop, so that requests arriving while it is held become one batch.
    private func startServer() throws -> (HTTPServer, HoldingResponder) {
        let responder = HoldingResponder()
        let server = try HTTPServer(configuration: .init(host: "127.0.0.1", port: 0, eventLoopCount: 1), responder: responder)
        try server.start()
        return (server, responder)
    }

    /// `count` clients that have each been answered once (accepted and idle, so that the requests
    /// they send next become ready in the order they are sent).
    private func idleClients(_ count: Int, of server: HTTPServer) throws -> [LoopbackClient] {
        try (0..<count).map { index in
            let client = try LoopbackClient(port: server.localPort)
            try client.get("/hello\(index)")
            #expect(try client.readResponse().bodyText == "/hello\(index)")
            return client
        }
    }

    @Test func repliesOfOneBatchLeaveTogether_AndEachReachesItsClient() throws {
        let (server, responder) = try startServer()
        defer { server.shutdown() }
        let clients = try idleClients(3, of: server)
        // The loop is kept busy while the next two requests arrive: they become one batch.
        try clients[0].get("/hold/busy")
        let busy = responder.holding("busy")
        try clients[1].send("GET /first HTTP/1.1\r\nHost: x\r\n\r\nGET /second HTTP/1.1\r\nHost: x\r\n\r\n")
        try clients[2].get("/hold/batch")
        busy.signal()
        #expect(try clients[0].readResponse().bodyText == "/hold/busy")
        let batch = responder.holding("batch")
        defer { batch.signal() }
        if responder.handled("/first", before: "/hold/batch") {
            // Made before the request the loop is held on, in the same batch: not written yet.
            #expect(!clients[1].isReadable())
        }
        batch.signal()
        #expect(try clients[2].readResponse().bodyText == "/hold/batch")
        // Pipelined requests keep their order; the second is answered after its batch's replies were written.
        #expect(try clients[1].readResponse().bodyText == "/first")
        #expect(try clients[1].readResponse().bodyText == "/second")
    }

    @Test func aReplyWaitsForItsBatchAtMostTheBound() throws {
        let (server, responder) = try startServer()
        defer { server.shutdown() }
        let clients = try idleClients(4, of: server)
        try clients[0].get("/hold/busy")
        let busy = responder.holding("busy")
        try clients[1].get("/quick")
        try clients[2].get("/slow")
        try clients[3].get("/hold/last")
        busy.signal()
        let last = responder.holding("last")
        defer { last.signal() }  // whatever fails below, the loop is let go
        // Sent one after the other to idle connections, the three are ready in that order; if the loop took them
        // in another, the bound is not what this run can show, and the replies are read once it is released.
        let inOrder = responder.handled("/quick", before: "/slow") && responder.handled("/slow", before: "/hold/last")
        if inOrder {
            // 3 ms passed after `/quick` was answered: its reply (and `/slow`'s) left before the loop went on.
            #expect(try clients[1].readResponse().bodyText == "/quick")
            #expect(try clients[2].readResponse().bodyText == "/slow")
        }
        last.signal()
        #expect(try clients[3].readResponse().bodyText == "/hold/last")
        if !inOrder {
            #expect(try clients[1].readResponse().bodyText == "/quick")
            #expect(try clients[2].readResponse().bodyText == "/slow")
        }
    }

    @Test func aClientGoneBeforeItsBatchIsWritten_LeavesTheOthersTheirReplies() throws {
        let (server, responder) = try startServer()
        defer { server.shutdown() }
        var clients = try idleClients(3, of: server)
        try clients[0].get("/hold/busy")
        let busy = responder.holding("busy")
        try clients[1].get("/leaving")
        try clients[2].get("/staying")
        clients.remove(at: 1)  // its socket closes with its request unanswered
        busy.signal()
        #expect(try clients[0].readResponse().bodyText == "/hold/busy")
        #expect(try clients[1].readResponse().bodyText == "/staying")
        let late = try LoopbackClient(port: server.localPort)
        try late.get("/after")
        #expect(try late.readResponse().bodyText == "/after")
    }
}

extension LoopbackClient {
    /// Sends `GET path`, not waiting for the reply.
    fileprivate func get(_ path: String) throws {
        try send("GET \(path) HTTP/1.1\r\nHost: x\r\n\r\n")
    }
}
