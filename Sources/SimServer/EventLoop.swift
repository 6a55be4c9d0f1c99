#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SimHTTP
import Synchronization

/// One event loop: a thread, a poller, a listening socket and the connections it accepted.
///
/// Everything here is touched only by the loop's own thread; other threads reach it through its
/// ``LoopControl``. Connections are plain objects in an array indexed by descriptor, timers live in one heap,
/// and the responder is called inline, so serving a request involves no locks, tasks or thread hops.
final class EventLoop {
    /// What a heap entry is for.
    enum TimerTarget {
        case connection(Connection)
        case resumeAccepting
    }

    static let listenerToken = UInt64.max
    static let wakerToken = UInt64.max - 1

    let context: ServerContext
    let control: LoopControl
    let poller: Poller
    private var listener: Int32?
    private var connections: [Connection?] = []
    private var generation: UInt32 = 0
    private(set) var openConnections = 0
    private(set) var isDraining = false
    /// Replies produced while a batch of readiness events is being handled, written once the batch is done
    /// (``EventLoop+ReplyBatch.swift``), and when the first of them was deferred.
    var deferredWrites: [Connection] = []
    var deferredSince: UInt64 = 0
    /// Whether the loop is handling a batch of readiness events (a reply is deferred only then).
    private(set) var isHandlingBatch = false
    /// Accepting is paused for lack of descriptors; logged once per spell.
    private var acceptPaused = false
    var timers = TimerHeap<TimerTarget>()
    /// Shared by all connections of this loop: data is copied into a parser right after each read.
    let readBuffer: UnsafeMutableRawBufferPointer
    /// The loop's idea of now (monotonic nanoseconds and this second's `Date` value), refreshed as soon as a
    /// wait returns, before any event is handled: a deadline set for a connection accepted after a long idle
    /// wait must count from the accept, not from before the wait (issue 10).
    private(set) var now: ConnectionStateMachine.Now

    /// Makes the loop and registers its listener and waker; throws when the poller cannot be made or refuses
    /// either descriptor, so the server can report that this loop cannot start.
    init(listener: Int32, context: ServerContext, control: LoopControl) throws(SocketError) {
        self.listener = listener
        self.context = context
        self.control = control
        self.poller = try Poller()
        self.readBuffer = .allocate(byteCount: 64 * 1024, alignment: 16)
        self.now = .init(nanoseconds: MonotonicClock.now(), date: .now())
        try poller.add(listener, token: Self.listenerToken, interest: .read)
        try poller.add(control.waker.readFD, token: Self.wakerToken, interest: .read)
    }

    deinit {
        readBuffer.deallocate()
    }

    /// Runs until a stop was requested and every connection has finished; calls `started` just before the
    /// first wait, when the listener is being polled.
    func run(started: () -> Void) {
        started()
        while true {
            let ready = poller.wait(timeout: waitTimeout())
            refreshNow()
            isHandlingBatch = true
            for index in 0..<ready {
                let (token, readiness) = poller.event(at: index)
                dispatch(token: token, readiness: readiness)
                if !deferredWrites.isEmpty, MonotonicClock.now() &- deferredSince > Self.writeDeferralBound {
                    writeDeferred()
                }
            }
            isHandlingBatch = false
            writeDeferred()
            if !isDraining, control.stopRequested.load(ordering: .acquiring) { beginDraining() }
            fireDueTimers()
            if isDraining, openConnections == 0 { break }
        }
        if let listener { closeListener(listener) }
        unwatch(control.waker.readFD, "the waker")
    }

    /// Reports a failure no client can be told about.
    func log(_ level: HTTPServerLogLevel, _ message: @autoclosure () -> String) {
        context.logger.log(level, message())
    }

    // MARK: - Events

    private func dispatch(token: UInt64, readiness: Readiness) {
        switch token {
        case Self.listenerToken:
            acceptConnections()
        case Self.wakerToken:
            control.waker.drain()
            for token in control.takeOpenedGates() {
                guard let connection = connection(token) else { continue }  // closed while it waited
                now.nanoseconds = MonotonicClock.now()
                connection.gateOpened()
            }
        default:
            guard let connection = connection(token) else { return }
            // A slow responder on an earlier connection must not shorten this one's deadlines.
            now.nanoseconds = MonotonicClock.now()
            connection.handle(readiness)
        }
    }

    /// The open connection with `token`; the generation in the token guards against a descriptor closed and
    /// reused meanwhile.
    private func connection(_ token: UInt64) -> Connection? {
        let fd = Int(truncatingIfNeeded: token & 0xFFFF_FFFF)
        guard fd < connections.count, let connection = connections[fd], connection.token == token else { return nil }
        return connection
    }

    private func waitTimeout() -> Int32 {
        guard let deadline = timers.nextDeadline else { return -1 }
        let current = MonotonicClock.now()
        guard deadline > current else { return 0 }
        let milliseconds = (deadline - current + 999_999) / 1_000_000
        return Int32(min(milliseconds, UInt64(Int32.max)))
    }

    private func refreshNow() {
        now.nanoseconds = MonotonicClock.now()
        let seconds = Int(time(nil))
        if seconds != now.date.secondsSince1970 { now.date = HTTPDate(secondsSince1970: seconds) }
    }

    // MARK: - Timers

    /// Makes sure the connection's current deadline is in the heap. Later deadlines reuse the queued entry,
    /// which re-queues itself when it fires early, so a busy keep-alive connection adds no heap churn.
    func schedule(_ connection: Connection) {
        let deadline = connection.deadline
        guard deadline != 0 else { return }
        if connection.queuedDeadline == 0 || deadline < connection.queuedDeadline {
            timers.push(.connection(connection), at: deadline)
            connection.queuedDeadline = deadline
        }
    }

    private func fireDueTimers() {
        while let (due, target) = timers.popDue(at: now.nanoseconds) {
            switch target {
            case .resumeAccepting:
                if let listener, !isDraining { watchListener(listener, interest: .read) }
            case .connection(let connection):
                guard !connection.isClosed, due == connection.queuedDeadline else { continue }
                connection.queuedDeadline = 0
                if connection.deadline == 0 { continue }
                if connection.deadline <= now.nanoseconds {
                    connection.deadline = 0
                    connection.deadlinePassed()
                } else {
                    schedule(connection)
                }
            }
        }
    }

    // MARK: - Accepting

    private func acceptConnections() {
        guard let listener else { return }
        // A bounded batch, so a connection storm cannot starve the connections already open.
        for _ in 0..<64 {
            switch Socket.accept(listener) {
            case .accepted(let fd):
                acceptPaused = false
                let count = context.connectionCount.wrappingAdd(1, ordering: .relaxed).newValue
                if count > context.maxConnections {
                    context.connectionCount.wrappingSubtract(1, ordering: .relaxed)
                    register(fd, counted: false)?.rejectAsOverloaded()
                } else {
                    register(fd, counted: true)?.start()
                }
            case .wouldBlock:
                return
            case .failed(let code):
                if code == EMFILE || code == ENFILE || code == ENOBUFS || code == ENOMEM {
                    // Out of descriptors or memory: the pending connection stays queued and the listener stays
                    // readable, so stop watching it for a moment instead of spinning.
                    if !acceptPaused, !isDraining {
                        acceptPaused = true
                        log(.warning, "accept failed: \(SocketError.describe(code)); pausing accepts for 100 ms at a time")
                    }
                    watchListener(listener, interest: [])
                    timers.push(.resumeAccepting, at: now.nanoseconds + 100_000_000)
                    return
                }
            // Anything else (ECONNABORTED, EPROTO, ...) concerns that one connection only.
            }
        }
    }

    /// Watches a new connection; nil (and the descriptor closed, its slot released) when the poller refuses it.
    private func register(_ fd: Int32, counted: Bool) -> Connection? {
        generation &+= 1
        let token = UInt64(generation) << 32 | UInt64(UInt32(bitPattern: fd))
        do {
            try poller.add(fd, token: token, interest: .read)
        } catch {
            log(.error, "dropped a new connection: \(error)")
            Socket.close(fd)
            if counted { context.connectionCount.wrappingSubtract(1, ordering: .relaxed) }
            return nil
        }
        let connection = Connection(fd: fd, token: token, loop: self, isCounted: counted)
        let index = Int(fd)
        if index >= connections.count {
            connections.append(contentsOf: repeatElement(nil, count: index + 1 - connections.count))
        }
        connections[index] = connection
        openConnections += 1
        return connection
    }

    /// Called by a connection as it closes its descriptor.
    func unregister(_ connection: Connection) {
        unwatch(connection.fd, "a closing connection")
        connections[Int(connection.fd)] = nil
        openConnections -= 1
        if connection.isCounted { context.connectionCount.wrappingSubtract(1, ordering: .relaxed) }
    }

    // MARK: - Shutdown

    /// Stops accepting and lets every connection finish what it started; idle ones close now.
    private func beginDraining() {
        isDraining = true
        if let listener {
            // Connections the kernel already completed would be reset by closing the listener; take them in
            // so their requests still get answers.
            acceptConnections()
            closeListener(listener)
        }
        for connection in connections {
            connection?.drain()
        }
    }

    private func closeListener(_ fd: Int32) {
        unwatch(fd, "the listener")
        Socket.close(fd)
        listener = nil
    }

    private func watchListener(_ fd: Int32, interest: Interest) {
        do {
            try poller.modify(fd, token: Self.listenerToken, interest: interest)
        } catch {
            log(.error, "cannot \(interest.isEmpty ? "pause" : "resume") accepting: \(error)")
        }
    }

    /// Stops watching a descriptor about to be closed; a failure means the loop's bookkeeping is off.
    private func unwatch(_ fd: Int32, _ what: String) {
        do {
            try poller.remove(fd)
        } catch {
            log(.error, "cannot stop watching \(what): \(error)")
        }
    }
}
