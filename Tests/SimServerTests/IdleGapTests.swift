import SimHTTP
import SimServer
import SocketTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The first connection after an idle spell longer than the header timeout must be answered on every loop.
/// (Issue 10: a loop computed the new connection's header deadline from the time before its long wait, so the
/// deadline had already passed when the loop checked its timers and the connection was closed unread.)
@Suite(.serialized) struct IdleGapTests {
    /// 1 s to send a head; the server then idles for longer than that before anyone connects. The timeout is
    /// what a client has between its connect and its head: at 200 ms a loaded machine that preempted the test
    /// thread there could turn the test's own lateness into a 408.
    static let configuration = HTTPServer.Configuration(headerTimeout: .seconds(1))
    static let idleGap: Duration = .milliseconds(1500)

    @Test(arguments: [1, 2, 4])
    func firstCallAfterIdleGap_IsAnswered_OnEveryLoop(loops: Int) throws {
        var configuration = Self.configuration
        configuration.eventLoopCount = loops
        try withServer(configuration) { server in
            for round in 0..<2 {
                // The gap is the condition under test, not a way to order events: every loop sleeps in its
                // poller with no timer due, longer than the header timeout.
                idle(for: Self.idleGap)
                // Several connections at once, so the kernel hands each loop at least one with high probability.
                // Each head follows its connect at once, so only a preemption longer than the header timeout could
                // make the client itself late.
                let clients = try (0..<(4 * loops)).map { index in
                    let client = try LoopbackClient(port: server.localPort)
                    try client.send("GET /gap/\(round)/\(index) HTTP/1.1\r\nHost: x\r\n\r\n")
                    return client
                }
                for (index, client) in clients.enumerated() {
                    let result = Result { try client.read() }
                    #expect(
                        (try? result.get())?.status == 200, "round \(round), connection \(index), \(loops) loops: \(result)")
                }
            }
        }
    }
}

/// Lets time pass with nothing happening; only for tests whose subject is an idle spell.
func idle(for duration: Duration) {
    let (seconds, attoseconds) = duration.components
    usleep(UInt32(seconds * 1_000_000 + attoseconds / 1_000_000_000_000))
}
