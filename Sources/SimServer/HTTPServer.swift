import Dispatch
import Foundation
import SimHTTP
import Synchronization

/// An HTTP/1.1 server: one epoll event loop per core, each on its own thread, calling a synchronous
/// ``HTTPResponder`` inline.
///
/// ```swift
/// let server = try HTTPServer(configuration: .init(port: 0), responder: MyResponder())
/// try server.start()              // returns once listening
/// print(server.localPort)
/// server.stopOnSignals()          // SIGINT/SIGTERM start a graceful shutdown
/// server.waitUntilStopped()       // returns after the shutdown completed
/// ```
///
/// Each loop has its own listening socket on the same port (`SO_REUSEPORT`), so the kernel spreads
/// connections across loops and no connection ever changes thread.
public final class HTTPServer: Sendable {
    /// The lifecycle, guarded by a lock because start and shutdown may come from any thread.
    private enum State {
        case idle
        case running([LoopControl])
        case stopping
        case stopped
    }

    /// The settings the server was made with.
    public let configuration: Configuration
    let context: ServerContext
    private let state = Mutex(State.idle)
    private let boundPort = Atomic<Int>(0)
    /// Entered once per loop thread, left as each thread ends.
    private let loopsRunning = DispatchGroup()
    let signalSources = Mutex<[any DispatchSourceSignal]>([])

    /// Runs signal handlers and stop notifications. A queue of its own gets a thread even when the shared
    /// global pool is busy with blocked work.
    static let controlQueue = DispatchQueue(label: "SimServer.control")

    /// Makes a server; nothing is bound until ``start()``.
    ///
    /// - Parameter logger: where failures that no client can be told about are reported (a loop that cannot
    ///   start, a poller call that fails, accepting paused for lack of descriptors). Default: standard error.
    /// - Throws: ``HTTPServerError/invalidConfiguration(_:)`` when a value is out of range.
    public init(
        configuration: Configuration = Configuration(),
        responder: some HTTPResponder,
        logger: any HTTPServerLogger = StandardErrorLogger()
    ) throws {
        try configuration.validate()
        self.configuration = configuration
        self.context = ServerContext(configuration: configuration, responder: responder, logger: logger)
    }

    /// The port the server listens on, once started (useful with port 0); 0 before.
    public var localPort: Int { boundPort.load(ordering: .acquiring) }

    /// Connections currently open across all loops.
    public var connectionCount: Int { context.connectionCount.load(ordering: .relaxed) }

    /// Binds, listens and starts the event loops; returns once every loop is polling its listener.
    ///
    /// - Throws: ``SocketError`` when the address cannot be bound or a loop cannot start (then the loops that
    ///   did start are stopped again and nothing listens), ``HTTPServerError/alreadyStarted`` when called twice.
    public func start() throws {
        try state.withLock { state throws in
            guard case .idle = state else { throw HTTPServerError.alreadyStarted }
            #if os(Linux)
            let loopCount = configuration.eventLoopCount
            #else
            let loopCount = 1  // Only Linux spreads SO_REUSEPORT connections across sockets.
            #endif

            var listeners: [Int32] = []
            var controls: [LoopControl] = []
            do {
                if loopCount > 1, configuration.port != 0 {
                    // SO_REUSEPORT would let this server silently share a port another process (or a second
                    // snapsim) already serves. A socket without it cannot bind a port in use, so try one first.
                    let probe = try Socket.makeListener(
                        host: configuration.host,
                        port: configuration.port,
                        backlog: 1,
                        reusePort: false
                    )
                    Socket.close(probe.fd)
                }
                let first = try Socket.makeListener(
                    host: configuration.host,
                    port: configuration.port,
                    backlog: configuration.backlog,
                    reusePort: loopCount > 1
                )
                listeners.append(first.fd)
                // The first socket resolved port 0; the others join that port.
                for _ in 1..<loopCount {
                    listeners.append(
                        try Socket.makeListener(
                            host: configuration.host,
                            port: first.port,
                            backlog: configuration.backlog,
                            reusePort: true
                        ).fd
                    )
                }
                for _ in 0..<loopCount { controls.append(try LoopControl()) }
                boundPort.store(first.port, ordering: .releasing)
            } catch {
                listeners.forEach(Socket.close)
                throw error
            }

            let startup = LoopStartup(count: loopCount)
            for (index, (listener, control)) in zip(listeners, controls).enumerated() {
                startLoop(index: index, listener: listener, control: control, startup: startup)
            }
            if let failure = startup.waitForAll() {
                for control in controls { control.requestStop() }
                loopsRunning.wait()
                boundPort.store(0, ordering: .releasing)
                context.logger.log(.error, "event loop \(failure.index) could not start: \(failure.error)")
                throw failure.error
            }
            state = .running(controls)
        }
    }

    private func startLoop(index: Int, listener: Int32, control: LoopControl, startup: LoopStartup) {
        let context = context
        let group = loopsRunning
        group.enter()
        let thread = Thread { @Sendable in
            defer { group.leave() }
            let loop: EventLoop
            do throws(SocketError) {
                loop = try EventLoop(listener: listener, context: context, control: control)
            } catch {
                Socket.close(listener)
                startup.report(index: index, error)
                return
            }
            loop.run { startup.report(index: index, nil) }
        }
        thread.name = "SimServer.loop.\(index)"
        thread.start()
    }

    /// Starts a graceful shutdown and returns at once: listening stops, idle connections close, requests
    /// already received (including delayed replies) are answered with `Connection: close`. Safe to call
    /// from any thread, any number of times.
    public func beginShutdown() {
        let controls: [LoopControl] = state.withLock { state in
            switch state {
            case .idle:
                state = .stopped
                return []
            case .running(let controls):
                state = .stopping
                return controls
            case .stopping, .stopped:
                return []
            }
        }
        for control in controls { control.requestStop() }
    }

    /// Shuts down gracefully (see ``beginShutdown()``) and returns once every loop has finished.
    ///
    /// Blocks the calling thread; never call it from a responder, which runs on a loop thread that would then
    /// wait for itself. Use ``beginShutdown()`` there.
    public func shutdown() {
        beginShutdown()
        waitUntilStopped()
    }

    /// Shuts down gracefully (see ``beginShutdown()``) without blocking a thread while loops finish.
    public func shutdown() async {
        beginShutdown()
        await waitUntilStopped()
    }

    /// Blocks until the server has stopped; returns at once if it never started.
    public func waitUntilStopped() {
        loopsRunning.wait()
        markStopped()
    }

    /// Suspends until the server has stopped; returns at once if it never started.
    public func waitUntilStopped() async {
        let group = loopsRunning
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            group.notify(queue: Self.controlQueue) { @Sendable in continuation.resume() }
        }
        markStopped()
    }

    private func markStopped() {
        state.withLock { state in
            if case .stopping = state { state = .stopped }
        }
    }
}
