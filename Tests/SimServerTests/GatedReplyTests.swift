import Dispatch
import SimHTTP
import SimServer
import SocketTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `/gate/<name>` answers `<name>` once the test opens the gate of that name; anything else answers at once.
final class GateResponder: HTTPResponder {
    let gates = Mutex<[String: ReplyGate]>([:])

    func respond(to request: HTTPRequest) -> HTTPReply {
        let path = String(request.path)
        let body = Array(path.utf8)
        guard path.hasPrefix("/gate/") else { return .respond(HTTPResponse(status: .ok, body: body)) }
        let gate = ReplyGate()
        gates.withLock { $0[String(path.dropFirst("/gate/".count))] = gate }
        return HTTPReply(.respond(HTTPResponse(status: .ok, body: body)), gate: gate)
    }

    /// Polls (no sleeps ordering events: each wait is for a condition) until the server holds gate `name`.
    func gate(_ name: String) -> ReplyGate {
        while true {
            if let gate = gates.withLock({ $0[name] }) { return gate }
            usleep(1000)
        }
    }
}

@Suite struct GatedReplyTests {
    @Test func aGatedReplyLeavesOnlyOnceItsGateOpens_AndPipelinedAnswersKeepTheirOrder() throws {
        let responder = GateResponder()
        let server = try HTTPServer(configuration: .init(host: "127.0.0.1", port: 0, eventLoopCount: 1), responder: responder)
        try server.start()
        defer { server.shutdown() }
        let client = try LoopbackClient(port: server.localPort)
        try client.send("GET /gate/a HTTP/1.1\r\nHost: x\r\n\r\nGET /after HTTP/1.1\r\nHost: x\r\n\r\n")
        let gate = responder.gate("a")
        #expect(!client.isReadable())
        // Opened from another thread, as an fsync writer would.
        DispatchQueue.global().async { gate.open() }
        #expect(try client.readResponse().bodyText == "/gate/a")
        #expect(try client.readResponse().bodyText == "/after")
    }

    @Test func aConnectionClosedWhileItsReplyWaitsIsForgotten() throws {
        let responder = GateResponder()
        let server = try HTTPServer(configuration: .init(host: "127.0.0.1", port: 0, eventLoopCount: 1), responder: responder)
        try server.start()
        defer { server.shutdown() }
        do {
            let leaving = try LoopbackClient(port: server.localPort)
            try leaving.send("GET /gate/left HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = responder.gate("left")
        }  // the client's socket closes here
        let gate = responder.gate("left")
        gate.open()  // its connection is gone: nothing to send, nothing to crash
        let client = try LoopbackClient(port: server.localPort)
        try client.send("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().bodyText == "/plain")
    }
}
