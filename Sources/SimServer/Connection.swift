import SimHTTP

/// One accepted socket. It holds the descriptor and carries out what its ``ConnectionStateMachine`` asks:
/// reading into the loop's shared buffer, writing, polling interest, the timer and closing. All protocol
/// decisions (phases, deadlines, keep-alive) are the state machine's.
final class Connection {
    let fd: Int32
    let token: UInt64
    /// The loop owns its connections and outlives them, and both live on the loop's thread.
    unowned(unsafe) let loop: EventLoop
    /// Whether this connection holds a slot in the global connection count (an overload rejection does not).
    let isCounted: Bool

    private var machine: ConnectionStateMachine
    private var interest: Interest = .read
    private(set) var isClosed = false
    /// Whether the loop holds this connection's reply until its batch is handled (listed once however often asked).
    private var isWriteDeferred = false
    /// The deadline in force (0: none) and the one queued in the loop's heap.
    var deadline: UInt64 = 0
    var queuedDeadline: UInt64 = 0

    init(fd: Int32, token: UInt64, loop: EventLoop, isCounted: Bool) {
        self.fd = fd
        self.token = token
        self.loop = loop
        self.isCounted = isCounted
        self.machine = ConnectionStateMachine(context: loop.context)
    }

    private var now: ConnectionStateMachine.Now { loop.now }

    // MARK: - Entry points from the loop

    /// Starts serving a freshly accepted connection.
    func start() {
        carryOut(machine.accepted(at: now))
    }

    /// Answers a connection beyond ``HTTPServer/Configuration/maxConnections`` with 503 and closes it.
    func rejectAsOverloaded() {
        carryOut(machine.rejectedAsOverloaded(at: now))
    }

    /// Handles what the poller reported.
    func handle(_ readiness: Readiness) {
        if readiness.failed, !interest.contains(.read) {
            // A reset or hang-up while nothing is being read: level-triggered polling would report it forever.
            carryOut(machine.failed())
            return
        }
        if readiness.writable, interest.contains(.write) {
            carryOut(.write)
            if isClosed { return }
        }
        if readiness.readable, interest.contains(.read) {
            switch Socket.read(fd, into: loop.readBuffer) {
            case .transferred(let count):
                carryOut(machine.received(UnsafeRawBufferPointer(rebasing: loop.readBuffer[..<count]), at: now))
            case .wouldBlock:
                break
            case .endOfFile:
                carryOut(machine.receivedEndOfStream(at: now))
            case .failed:
                carryOut(machine.failed())
            }
        }
    }

    /// Writes the reply deferred to the end of the loop's batch (``EventLoop/deferWrite(_:)``).
    func writeDeferred() {
        isWriteDeferred = false
        carryOut(.write, deferring: false)
    }

    /// The gate of the reply this connection waits to send has opened.
    func gateOpened() {
        carryOut(machine.gateOpened(at: now))
    }

    /// The deadline passed (by the loop's clock).
    func deadlinePassed() {
        carryOut(machine.timerFired(at: now))
    }

    /// The server is shutting down: finish what was started, close if idle.
    func drain() {
        if machine.isIdle, interest.contains(.read) {
            // A request may already sit in the socket; read it first so it is answered rather than reset.
            handle(Readiness(readable: true, writable: false, failed: false))
            if isClosed { return }
        }
        carryOut(machine.drain(at: now))
    }

    // MARK: - Carrying out actions

    /// Carries out `first` and what the state machine asks next. A reply due while the loop handles a batch of
    /// readiness events is written when the batch is done (`deferring`, the default), with the batch's others.
    private func carryOut(_ first: ConnectionStateMachine.Action, deferring: Bool = true) {
        var action = first
        while !isClosed {
            switch action {
            case .write:
                if deferring, loop.isHandlingBatch {
                    if !isWriteDeferred {
                        isWriteDeferred = true
                        loop.deferWrite(self)
                    }
                    return
                }
                action = machine.wrote(writeOnce(), at: now)
            case .wait(let desired, let deadline):
                if let gate = machine.takeGateToWatch() {
                    // The gate may open on any thread; the loop hears of it through its waker.
                    let control = loop.control
                    let token = self.token
                    gate.whenOpen { control.gateOpened(token) }
                }
                setInterest(desired)
                setDeadline(deadline)
                return
            case .shutdownWrite(let deadline):
                Socket.shutdownWrite(fd)
                setInterest(.read)
                setDeadline(deadline)
                return
            case .close:
                close()
                return
            }
        }
    }

    /// Writes as much of the pending output as the socket takes; 0 when it takes nothing now.
    private func writeOnce() -> Int {
        let result = machine.pendingOutput.withUnsafeBytes { Socket.write(fd, $0) }
        switch result {
        case .transferred(let count):
            return count
        case .wouldBlock:
            return 0
        case .endOfFile, .failed:
            close()
            return 0
        }
    }

    private func setInterest(_ desired: Interest) {
        guard desired != interest else { return }
        do {
            try loop.poller.modify(fd, token: token, interest: desired)
            interest = desired
        } catch {
            loop.log(.error, "dropped a connection: \(error)")
            close()
        }
    }

    private func setDeadline(_ deadline: UInt64?) {
        self.deadline = deadline ?? 0
        if deadline != nil { loop.schedule(self) }
    }

    private func close() {
        guard !isClosed else { return }
        isClosed = true
        deadline = 0
        loop.unregister(self)
        Socket.close(fd)
    }
}
