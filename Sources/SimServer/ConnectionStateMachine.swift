import SimHTTP

/// The protocol side of one connection: phases, deadlines, keep-alive, pipelining and limits, with no socket
/// and no clock. Each event carries the current time and returns the one thing ``Connection`` must do next,
/// so every timer and phase change can be driven and checked in a test with made-up times.
///
/// Deadlines are absolute monotonic nanoseconds. The head of a connection's first request must be complete
/// within the header timeout of the accept; a later request's head within the header timeout of its first
/// byte; a body within the body timeout of its head. Trickling bytes never extends any of them.
struct ConnectionStateMachine {
    /// Where the connection is in its life.
    enum Phase: Equatable {
        /// No byte of the next request yet: a fresh connection, or keep-alive between requests.
        case awaitingRequest
        /// Part of a request head has arrived.
        case readingHead
        /// The head is complete; the body is arriving.
        case readingBody
        /// Waiting to carry out a reply the responder asked to delay; nothing more is read meanwhile.
        case delaying
        /// The last bytes are queued; once written, the write side is shut.
        case closing
        /// The write side is shut; the peer's input is discarded until it closes or time runs out.
        case lingering
        case closed
    }

    /// What the connection must do next.
    enum Action: Equatable {
        /// Write ``pendingOutput`` now and report how much went with ``wrote(_:at:)``.
        case write
        /// Wait for the poller to report `interest`, or for the timer at `deadline` (nil: none).
        case wait(Interest, deadline: UInt64?)
        /// Send FIN, then wait for input to discard (or the timer at `deadline`) before closing.
        case shutdownWrite(deadline: UInt64)
        /// Close the socket.
        case close
    }

    /// The time of an event: the loop's monotonic clock and the `Date` header value of this second.
    struct Now {
        var nanoseconds: UInt64
        var date: HTTPDate
    }

    /// A reply decided but not yet carried out, with what is needed to encode it then.
    private struct PendingReply {
        let action: HTTPReply.Action
        let isHead: Bool
        let version: HTTPVersion
        let wantsKeepAlive: Bool
    }

    let context: ServerContext
    private(set) var phase = Phase.awaitingRequest
    /// The deadline of the current phase (nil: none). Output that cannot be written has its own, below.
    private(set) var phaseDeadline: UInt64?
    private var writeDeadline: UInt64?
    private var parser: HTTPRequestParser
    private(set) var output: [UInt8] = []
    private var outputOffset = 0
    /// The socket took no more bytes; wait for it to become writable.
    private var writeStalled = false
    private var pending: PendingReply?
    /// The gate the pending reply waits for, until the connection has asked to hear of its opening.
    private var gateToWatch: ReplyGate?
    /// Whether the pending reply still waits for its gate, and the delay it then waits for.
    private var awaitingGate = false
    private var delayAfterGate: UInt64 = 0
    /// The peer sent FIN: answer what was received, then close.
    private var peerClosed = false
    /// A reply asked to close without answering: write what earlier requests queued, then close.
    private var closeAfterWrite = false
    private(set) var servedRequests = 0
    private var draining = false
    private let encoder = HTTPResponseEncoder()

    init(context: ServerContext) {
        self.context = context
        self.parser = HTTPRequestParser(configuration: context.parserConfiguration)
    }

    var hasPendingOutput: Bool { outputOffset < output.count }

    /// Nothing of a request is buffered and nothing is queued: a keep-alive connection at rest.
    var isIdle: Bool { phase == .awaitingRequest && parser.isIdle && !hasPendingOutput }

    /// The bytes still to be written.
    var pendingOutput: ArraySlice<UInt8> { output[outputOffset...] }

    /// The deadline in force: the write deadline while output waits for the socket, else the phase's.
    var deadline: UInt64? { hasPendingOutput && writeStalled && phase != .delaying ? writeDeadline : phaseDeadline }

    // MARK: - Events

    /// A connection was accepted: its first head is due within the header timeout from now.
    mutating func accepted(at now: Now) -> Action {
        phaseDeadline = now.nanoseconds + context.headerTimeout
        return next(now)
    }

    /// The connection is one over the limit: answer 503 and close.
    mutating func rejectedAsOverloaded(at now: Now) -> Action {
        let response = HTTPResponse(
            status: .serviceUnavailable,
            headers: ["Content-Type": "application/json"],
            body: Array(#"{"error":"too many connections"}"#.utf8)
        )
        encoder.encode(response, into: &output, date: now.date, connection: .close)
        phase = .closing
        return next(now)
    }

    /// Bytes arrived from the peer.
    mutating func received(_ bytes: UnsafeRawBufferPointer, at now: Now) -> Action {
        switch phase {
        case .lingering, .closed, .closing:
            return next(now)  // Discarded: the answer that ends the connection is already decided.
        case .awaitingRequest, .readingHead, .readingBody, .delaying:
            parser.append(bytes)
            processRequests(now)
            return next(now)
        }
    }

    /// The peer shut its write side (end of stream).
    mutating func receivedEndOfStream(at now: Now) -> Action {
        peerClosed = true
        if phase == .lingering { phase = .closed }
        return next(now)
    }

    /// `count` bytes of ``pendingOutput`` were written; 0 means the socket would block.
    mutating func wrote(_ count: Int, at now: Now) -> Action {
        if count > 0 {
            outputOffset += count
            writeStalled = false
            if !hasPendingOutput {
                releaseOutput()
                // Keep-alive idle time counts from the end of the last answer.
                if phase == .awaitingRequest, parser.isIdle { phaseDeadline = now.nanoseconds + context.idleTimeout }
            }
        } else if !writeStalled {
            // A peer that stopped reading gets the write timeout, renewed whenever it takes some bytes.
            writeStalled = true
            writeDeadline = now.nanoseconds + context.idleTimeout
        }
        return next(now)
    }

    /// Reading or writing failed, or the peer reset the connection.
    mutating func failed() -> Action {
        phase = .closed
        return .close
    }

    /// The timer fired; acts only if the deadline in force has passed (an early or stale timer re-arms).
    mutating func timerFired(at now: Now) -> Action {
        guard let deadline, deadline <= now.nanoseconds else { return next(now) }
        if phase != .delaying, hasPendingOutput {
            phase = .closed  // The peer stopped reading (RFC 9112 §9.5: close quietly).
            return .close
        }
        switch phase {
        case .awaitingRequest, .closing, .lingering, .closed:
            // An idle keep-alive connection or a fresh one that never sent a byte closes quietly.
            phase = .closed
        case .readingHead, .readingBody:
            // RFC 9110 §15.5.9: the request did not arrive in time.
            fail(with: .requestTimeout, now)
        case .delaying:
            if let pending, !awaitingGate {
                self.pending = nil
                phase = .awaitingRequest
                phaseDeadline = now.nanoseconds + context.idleTimeout
                perform(pending, now)
                processRequests(now)
            }
        }
        return next(now)
    }

    /// The gate the pending reply waits for, once: the connection registers for its opening.
    mutating func takeGateToWatch() -> ReplyGate? {
        defer { gateToWatch = nil }
        return gateToWatch
    }

    /// The pending reply's gate opened: send it now, or after its delay.
    mutating func gateOpened(at now: Now) -> Action {
        guard phase == .delaying, awaitingGate, let pending else { return next(now) }
        awaitingGate = false
        if delayAfterGate > 0 {
            phaseDeadline = now.nanoseconds + delayAfterGate
            return next(now)
        }
        self.pending = nil
        phase = .awaitingRequest
        phaseDeadline = now.nanoseconds + context.idleTimeout
        perform(pending, now)
        processRequests(now)
        return next(now)
    }

    /// The server is shutting down: answers already started are finished (with `Connection: close`), an idle
    /// connection closes, a lingering one gives up sooner.
    mutating func drain(at now: Now) -> Action {
        draining = true
        if phase == .lingering {
            phaseDeadline = min(phaseDeadline ?? .max, now.nanoseconds + ServerContext.drainLinger)
        }
        return next(now)
    }

    // MARK: - Requests

    /// Answers every complete request buffered, in order, until one is delayed or the connection is closing,
    /// then moves to the phase the parser is in.
    private mutating func processRequests(_ now: Now) {
        while phase == .awaitingRequest || phase == .readingHead || phase == .readingBody {
            switch parser.next() {
            case .needMoreData:
                enterReadingPhase(now)
                return
            case .expectContinue:
                // RFC 9110 §10.1.1: the client waits for this before sending the body.
                output.append(contentsOf: HTTPResponseEncoder.continueResponse)
                enterReadingPhase(now)
            case .error(let error):
                fail(with: error, now)
            case .request(let request):
                servedRequests += 1
                let reply = context.responder.respond(to: request)
                let pending = PendingReply(
                    action: reply.action,
                    isHead: request.method == .head,
                    version: request.version,
                    wantsKeepAlive: request.wantsKeepAlive
                )
                let delay = reply.delay.clampedNanoseconds
                if let gate = reply.gate, !gate.isOpen {
                    // Parked with no deadline: the gate's opener (e.g. an fsync) always comes.
                    self.pending = pending
                    phase = .delaying
                    phaseDeadline = nil
                    awaitingGate = true
                    delayAfterGate = delay
                    gateToWatch = gate
                } else if delay > 0 {
                    self.pending = pending
                    phase = .delaying
                    phaseDeadline = now.nanoseconds + delay
                } else {
                    phase = .awaitingRequest
                    phaseDeadline = now.nanoseconds + context.idleTimeout
                    perform(pending, now)
                }
            }
        }
    }

    /// Sets the phase (and its deadline) from what the parser holds after the last complete request.
    private mutating func enterReadingPhase(_ now: Now) {
        if parser.isReadingBody {
            if phase != .readingBody {
                phase = .readingBody
                phaseDeadline = now.nanoseconds + context.bodyTimeout
            }
        } else if !parser.isIdle, phase == .awaitingRequest {
            phase = .readingHead
            // The first head's deadline runs from the accept; a later one's from its first byte.
            if servedRequests > 0 { phaseDeadline = now.nanoseconds + context.headerTimeout }
        }
    }

    /// Queues the error's response and closes after it: the framing of anything that follows is unknown.
    private mutating func fail(with error: HTTPParserError, _ now: Now) {
        encoder.encode(HTTPResponse(parserError: error), into: &output, date: now.date, connection: .close)
        phase = .closing
    }

    private mutating func perform(_ pending: PendingReply, _ now: Now) {
        switch pending.action {
        case .respond(let response):
            let keepAlive =
                pending.wantsKeepAlive && !draining
                && !response.headers.containsToken("close", inFieldNamed: "Connection")
            let header: HTTPResponseEncoder.ConnectionHeader =
                keepAlive ? (pending.version == .http1_0 ? .keepAlive : .none) : .close
            encoder.encode(response, into: &output, date: now.date, isHeadResponse: pending.isHead, connection: header)
            if !keepAlive { phase = .closing }
        case .closeWithoutResponse:
            // Answers to earlier pipelined requests still go out if the socket takes them now.
            closeAfterWrite = true
            phase = .closing
        case .writeRawAndClose(let bytes):
            output.append(contentsOf: bytes)
            phase = .closing
        }
    }

    // MARK: - The next action

    /// What to do now that the event is handled: write, move on to closing, or wait with the right interest
    /// and deadline.
    private mutating func next(_ now: Now) -> Action {
        if phase == .closed { return .close }
        if hasPendingOutput {
            if !writeStalled { return .write }
            if closeAfterWrite {
                phase = .closed
                return .close
            }
            return .wait(.write, deadline: deadline)
        }
        switch phase {
        case .closing:
            if peerClosed || closeAfterWrite {
                phase = .closed
                return .close
            }
            phase = .lingering
            let linger = draining ? ServerContext.drainLinger : context.lingerTimeout
            phaseDeadline = now.nanoseconds + linger
            return .shutdownWrite(deadline: now.nanoseconds + linger)
        case .awaitingRequest where peerClosed || (draining && parser.isIdle):
            phase = .closed
            return .close
        case .readingHead, .readingBody:
            // A peer that half-closed mid-request will never finish it.
            if peerClosed {
                phase = .closed
                return .close
            }
            return .wait(.read, deadline: phaseDeadline)
        case .awaitingRequest, .lingering:
            return .wait(.read, deadline: phaseDeadline)
        case .delaying:
            return .wait([], deadline: phaseDeadline)
        case .closed:
            return .close
        }
    }

    private mutating func releaseOutput() {
        if output.capacity > 256 * 1024 {
            output = []
        } else {
            output.removeAll(keepingCapacity: true)
        }
        outputOffset = 0
    }
}
