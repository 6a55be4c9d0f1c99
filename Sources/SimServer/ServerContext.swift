import SimHTTP
import Synchronization

/// What every event loop of one server shares: immutable settings, the responder, and the global
/// connection count. Everything here is either immutable or atomic.
final class ServerContext: Sendable {
    let responder: any HTTPResponder
    let parserConfiguration: HTTPRequestParser.Configuration
    let maxConnections: Int
    let logger: any HTTPServerLogger
    let headerTimeout: UInt64
    let bodyTimeout: UInt64
    let idleTimeout: UInt64
    /// How long a closing connection keeps draining the peer's input after the last response, so the
    /// kernel does not answer unread bytes with a reset that could destroy that response in flight.
    let lingerTimeout: UInt64
    /// The shorter linger of a connection closing because the server shuts down.
    static let drainLinger: UInt64 = 200_000_000
    /// Open connections across all loops, counted at accept and released at close.
    let connectionCount = Atomic<Int>(0)

    init(
        configuration: HTTPServer.Configuration,
        responder: any HTTPResponder,
        logger: any HTTPServerLogger = StandardErrorLogger()
    ) {
        self.responder = responder
        self.logger = logger
        self.parserConfiguration = HTTPRequestParser.Configuration(
            maxHeadBytes: configuration.maxHeadBytes,
            maxBodyBytes: configuration.maxBodyBytes,
            maxHeaderCount: configuration.maxHeaderCount
        )
        self.maxConnections = configuration.maxConnections
        self.headerTimeout = configuration.headerTimeout.clampedNanoseconds
        self.bodyTimeout = configuration.bodyTimeout.clampedNanoseconds
        self.idleTimeout = configuration.idleTimeout.clampedNanoseconds
        self.lingerTimeout = min(configuration.headerTimeout.clampedNanoseconds, 2_000_000_000)
    }
}

/// The cross-thread handle to one event loop: a stop flag and a way to wake it.
final class LoopControl: Sendable {
    let waker: Waker
    let stopRequested = Atomic<Bool>(false)
    /// Connections (by token) whose reply gate opened since the loop last looked.
    private let openedGates = Mutex<[UInt64]>([])

    init() throws(SocketError) {
        waker = try Waker()
    }

    /// Tells the loop that the reply gate of connection `token` opened; safe from any thread. One wake-up
    /// serves every gate that opens before the loop looks.
    func gateOpened(_ token: UInt64) {
        let first = openedGates.withLock { tokens in
            tokens.append(token)
            return tokens.count == 1
        }
        if first { waker.wake() }
    }

    /// The connections whose gates opened, emptied.
    func takeOpenedGates() -> [UInt64] {
        openedGates.withLock { tokens in
            defer { tokens.removeAll(keepingCapacity: true) }
            return tokens
        }
    }

    /// Asks the loop to stop accepting and drain; safe from any thread, any number of times.
    func requestStop() {
        stopRequested.store(true, ordering: .releasing)
        waker.wake()
    }
}
