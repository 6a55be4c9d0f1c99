import SimHTTP

/// One accepted socket: read, parse, respond, write, in that order, on its loop's thread.
///
/// Requests on a connection are answered strictly in order. While a delayed reply waits, nothing more is
/// parsed or read (the socket's buffer is the back-pressure), so pipelined requests behind it wait their turn
/// without holding a thread.
final class Connection {
    /// Where the connection is in its life.
    enum Phase {
        /// Reading and answering requests.
        case open
        /// Waiting to carry out a reply the responder asked to delay.
        case delaying(PendingReply)
        /// The last bytes are queued; once they are written the connection closes gracefully.
        case closing
        /// The write side is shut; the peer's input is read and discarded until it closes or time runs out.
        case lingering
        case closed
    }

    /// A reply decided but not yet carried out, with what is needed to encode it then.
    struct PendingReply {
        let action: HTTPReply.Action
        let isHead: Bool
        let version: HTTPVersion
        let wantsKeepAlive: Bool
    }

    /// What the current deadline is for; decides what happens when it passes.
    enum TimerPurpose {
        case none
        case waitingForRequest
        case readingHead
        case readingBody
        case writing
        case delay
        case linger
    }

    let fd: Int32
    let token: UInt64
    /// The loop owns its connections and outlives them, and both live on the loop's thread.
    unowned(unsafe) let loop: EventLoop
    /// Whether this connection holds a slot in the global connection count (an overload rejection does not).
    let isCounted: Bool

    private var parser: HTTPRequestParser
    private var output: [UInt8] = []
    private var outputOffset = 0
    private(set) var phase = Phase.open
    private var interest: Interest = .read
    /// The peer sent FIN: answer what was received, then close.
    private var peerClosed = false
    private var servedRequests = 0
    private var madeProgress = false
    private var timerPurpose = TimerPurpose.none
    /// The monotonic deadline in force (0: none) and the one queued in the loop's heap.
    var deadline: UInt64 = 0
    var queuedDeadline: UInt64 = 0

    init(fd: Int32, token: UInt64, loop: EventLoop, isCounted: Bool) {
        self.fd = fd
        self.token = token
        self.loop = loop
        self.isCounted = isCounted
        self.parser = HTTPRequestParser(configuration: loop.context.parserConfiguration)
    }

    var isClosed: Bool {
        if case .closed = phase { return true }
        return false
    }

    private var hasPendingOutput: Bool { outputOffset < output.count }

    // MARK: - Entry points from the loop

    /// Starts serving a freshly accepted connection.
    func start() {
        settle()
    }

    /// Answers a connection beyond ``HTTPServer/Configuration/maxConnections`` with 503 and closes it.
    func rejectAsOverloaded() {
        let response = HTTPResponse(
            status: .serviceUnavailable,
            headers: ["Content-Type": "application/json"],
            body: Array(#"{"error":"too many connections"}"#.utf8)
        )
        loop.encoder.encode(response, into: &output, date: loop.date, connection: .close)
        phase = .closing
        settle()
    }

    /// Handles what the poller reported.
    func handle(_ readiness: Readiness) {
        if readiness.failed, !interest.contains(.read) {
            // A reset or hang-up while nothing is being read: level-triggered polling would report it forever.
            close()
            return
        }
        if readiness.writable, hasPendingOutput {
            flush()
            if isClosed { return }
        }
        if readiness.readable, interest.contains(.read) {
            switch phase {
            case .open: readRequests()
            case .lingering: discardInput()
            case .delaying, .closing, .closed: break
            }
        }
        settle()
    }

    /// The current deadline passed.
    func deadlinePassed() {
        switch phase {
        case .open:
            switch timerPurpose {
            case .readingHead, .readingBody:
                // RFC 9110 §15.5.9: the request did not arrive in time.
                fail(with: .requestTimeout)
                settle()
            case .none, .waitingForRequest, .writing, .delay, .linger:
                // Idle keep-alive, or a peer that stopped reading: close quietly (RFC 9112 §9.5).
                close()
            }
        case .delaying(let pending):
            phase = .open
            timerPurpose = .none
            perform(pending)
            processRequests()
            settle()
        case .closing, .lingering:
            close()
        case .closed:
            break
        }
    }

    /// The server is shutting down: finish what was started, close if idle.
    func drain() {
        switch phase {
        case .open:
            if !hasPendingOutput, parser.isIdle, !peerClosed {
                // A request may already sit in the socket; read once so it is answered rather than reset.
                readRequests()
            }
            settle()
        case .lingering:
            setDeadline(min(deadline, loop.now + 200_000_000), .linger)
        case .delaying, .closing, .closed:
            break
        }
    }

    // MARK: - Reading and answering

    private func readRequests() {
        switch Socket.read(fd, into: loop.readBuffer) {
        case .transferred(let count):
            madeProgress = true
            parser.append(UnsafeRawBufferPointer(rebasing: loop.readBuffer[..<count]))
            processRequests()
        case .wouldBlock:
            break
        case .endOfFile:
            peerClosed = true
        case .failed:
            close()
        }
    }

    /// Answers every complete request buffered, in order, until one is delayed or the connection is closing.
    private func processRequests() {
        while case .open = phase {
            switch parser.next() {
            case .needMoreData:
                return
            case .expectContinue:
                // RFC 9110 §10.1.1: the client waits for this before sending the body.
                output.append(contentsOf: HTTPResponseEncoder.continueResponse)
            case .error(let error):
                fail(with: error)
            case .request(let request):
                timerPurpose = .none
                servedRequests += 1
                let reply = loop.context.responder.respond(to: request)
                let pending = PendingReply(
                    action: reply.action,
                    isHead: request.method == .head,
                    version: request.version,
                    wantsKeepAlive: request.wantsKeepAlive
                )
                let delay = reply.delay.clampedNanoseconds
                if delay > 0 {
                    phase = .delaying(pending)
                    setDeadline(loop.now + delay, .delay)
                } else {
                    perform(pending)
                }
            }
        }
    }

    /// Queues the error's response and closes after it: the framing of anything that follows is unknown.
    private func fail(with error: HTTPParserError) {
        timerPurpose = .none
        loop.encoder.encode(HTTPResponse(parserError: error), into: &output, date: loop.date, connection: .close)
        phase = .closing
    }

    private func perform(_ pending: PendingReply) {
        switch pending.action {
        case .respond(let response):
            let keepAlive =
                pending.wantsKeepAlive && !loop.isDraining
                && !response.headers.containsToken("close", inFieldNamed: "Connection")
            let header: HTTPResponseEncoder.ConnectionHeader =
                keepAlive ? (pending.version == .http1_0 ? .keepAlive : .none) : .close
            loop.encoder.encode(
                response,
                into: &output,
                date: loop.date,
                isHeadResponse: pending.isHead,
                connection: header
            )
            if !keepAlive { phase = .closing }
        case .closeWithoutResponse:
            // Answers to earlier pipelined requests still go out if the socket takes them now.
            flush()
            close()
        case .writeRawAndClose(let bytes):
            output.append(contentsOf: bytes)
            phase = .closing
        }
    }

    // MARK: - Writing and closing

    private func flush() {
        while outputOffset < output.count {
            let offset = outputOffset
            let result = output.withUnsafeBytes { Socket.write(fd, UnsafeRawBufferPointer(rebasing: $0[offset...])) }
            switch result {
            case .transferred(let count):
                outputOffset += count
                madeProgress = true
            case .wouldBlock:
                return
            case .endOfFile, .failed:
                close()
                return
            }
        }
        if output.capacity > 256 * 1024 {
            output = []
        } else {
            output.removeAll(keepingCapacity: true)
        }
        outputOffset = 0
    }

    /// Brings the connection to a consistent state after anything happened: writes what is queued, moves
    /// to the next phase, and sets the poller interest and the deadline to match.
    private func settle() {
        guard !isClosed else { return }
        if hasPendingOutput {
            flush()
            if isClosed { return }
        }
        if !hasPendingOutput {
            switch phase {
            case .closing:
                if peerClosed {
                    close()
                    return
                }
                Socket.shutdownWrite(fd)
                phase = .lingering
                setDeadline(loop.now + (loop.isDraining ? 200_000_000 : loop.context.lingerTimeout), .linger)
            case .open where peerClosed || (loop.isDraining && parser.isIdle):
                close()
                return
            case .open, .delaying, .lingering, .closed:
                break
            }
        }

        let desired: Interest
        switch phase {
        case .open: desired = hasPendingOutput ? .write : .read
        case .delaying: desired = hasPendingOutput ? .write : []
        case .closing: desired = .write
        case .lingering: desired = .read
        case .closed: return
        }
        if desired != interest {
            interest = desired
            loop.poller.modify(fd, token: token, interest: desired)
        }
        updateTimer()
    }

    private func updateTimer() {
        let context = loop.context
        switch phase {
        case .open, .closing:
            if hasPendingOutput {
                if madeProgress || timerPurpose != .writing { setDeadline(loop.now + context.idleTimeout, .writing) }
            } else if parser.isIdle {
                if timerPurpose != .waitingForRequest {
                    // A new connection gets the header timeout to send its first request; a served one the
                    // keep-alive idle timeout.
                    let timeout = servedRequests == 0 ? context.headerTimeout : context.idleTimeout
                    setDeadline(loop.now + timeout, .waitingForRequest)
                }
            } else if parser.isReadingBody {
                if madeProgress || timerPurpose != .readingBody {
                    setDeadline(loop.now + context.idleTimeout, .readingBody)
                }
            } else if timerPurpose != .readingHead {
                // Not extended by further bytes: a client trickling a head byte by byte still runs out of time.
                setDeadline(loop.now + context.headerTimeout, .readingHead)
            }
        case .delaying, .lingering, .closed:
            break
        }
        madeProgress = false
    }

    private func setDeadline(_ deadline: UInt64, _ purpose: TimerPurpose) {
        self.deadline = deadline
        timerPurpose = purpose
        loop.schedule(self)
    }

    private func discardInput() {
        for _ in 0..<16 {
            switch Socket.read(fd, into: loop.readBuffer) {
            case .transferred: continue
            case .wouldBlock: return
            case .endOfFile, .failed:
                close()
                return
            }
        }
    }

    private func close() {
        guard !isClosed else { return }
        phase = .closed
        deadline = 0
        loop.unregister(self)
        Socket.close(fd)
    }
}
