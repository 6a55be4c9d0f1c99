import Foundation
import SimHTTP
import SimServer
import SocketTestSupport
import Synchronization
import Testing

/// Slow clients cannot hold the server (issue 10): a body has a total deadline, so connections trickling a
/// byte at a time give their slots back and a normal client is served again.
@Suite(.serialized) struct SlowClientTests {
    @Test func normalClient_IsServedAgain_WhenTricklersHoldEverySlot() throws {
        let limit = 20
        let tricklerCount = 30
        let configuration = HTTPServer.Configuration(
            eventLoopCount: 2,
            maxConnections: limit,
            // Long enough that a loaded CI machine still sees every slot held before the first deadline passes.
            headerTimeout: .seconds(4),
            bodyTimeout: .seconds(4),
            idleTimeout: .seconds(30)  // the old per-byte body timer: trickling would hold the slots this long
        )
        try withServer(configuration) { server in
            let port = server.localPort
            let tricklers = Tricklers(count: tricklerCount, port: port)
            defer { tricklers.stop() }

            // Every slot is held by a trickler; the other ten were turned away.
            #expect(eventually { server.connectionCount == limit }, "open: \(server.connectionCount)")
            let first = try LoopbackClient(port: port)
            try first.send("GET /normal HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try first.readResponse().status == 503)

            // Within the body deadline (plus the head's), the normal client gets through.
            var tries = 0
            var served = false
            while !served, tries < 500 {
                tries += 1
                served = Self.normalCall(port: port) == 200
                if !served { usleep(20_000) }  // polling for a free slot
            }
            #expect(served, "still turned away after \(tries) tries")
            // The normal client may get through on the first freed slot; the other tricklers' deadlines pass
            // over the next moments (later on a loaded machine, where their connections opened later).
            let answered408 = tricklers.waitForTimeouts(atLeast: limit / 2, within: .seconds(20))
            tricklers.stop()
            #expect(answered408 >= limit / 2, "tricklers answered 408")
        }
    }

    /// One request on a fresh connection; its status, or nil when there was no answer.
    static func normalCall(port: Int) -> Int? {
        guard let client = try? LoopbackClient(port: port) else { return nil }
        guard (try? client.send("GET /normal HTTP/1.1\r\nHost: x\r\n\r\n")) != nil else { return nil }
        return (try? client.read())?.status
    }
}

/// Connections that send a head, then one body byte every 50 ms, on a thread of their own.
final class Tricklers: Sendable {
    let timedOut = Atomic<Int>(0)
    private let stopped = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)

    init(count: Int, port: Int) {
        let thread = Thread { [self] in trickle(count: count, port: port) }
        thread.start()
    }

    private func trickle(count: Int, port: Int) {
        defer { done.signal() }
        var alive: [LoopbackClient] = []
        for _ in 0..<count {
            guard let client = try? LoopbackClient(port: port, timeout: .seconds(2)) else { continue }
            guard (try? client.send("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n")) != nil
            else { continue }
            alive.append(client)
        }
        while !stopped.load(ordering: .acquiring), !alive.isEmpty {
            var still: [LoopbackClient] = []
            for client in alive {
                if client.isReadable() {
                    // The server answered before the body was complete: it took too long.
                    if (try? client.read())?.status == 408 { timedOut.add(1, ordering: .relaxed) }
                } else if (try? client.send("x")) != nil {
                    still.append(client)
                }
            }
            alive = still
            usleep(50_000)  // the trickle rate, not an ordering
        }
    }

    /// How many tricklers were answered 408, once that reaches `count` or `limit` has passed.
    func waitForTimeouts(atLeast count: Int, within limit: Duration) -> Int {
        _ = eventually(within: limit) { timedOut.load(ordering: .acquiring) >= count }
        return timedOut.load(ordering: .acquiring)
    }

    /// Stops trickling and waits for the thread; safe to call twice.
    func stop() {
        if !stopped.exchange(true, ordering: .acquiring) { done.wait() }
    }
}
