/// An incremental HTTP/1.1 request parser: an explicit state machine over bytes, with no I/O of its own.
///
/// Feed it bytes as they arrive, in pieces of any size, and pull what it found with ``next()`` until it
/// answers ``Action/needMoreData``. Bytes after a complete request stay buffered, so pipelined requests come
/// out one by one, in order.
///
/// ```swift
/// var parser = HTTPRequestParser()
/// parser.append(bytesFromSocket)
/// loop: while true {
///     switch parser.next() {
///     case .needMoreData: break loop
///     case .expectContinue: send("HTTP/1.1 100 Continue\r\n\r\n")
///     case .request(let request): handle(request)
///     case .error(let error): reject(error.status); close(); break loop
///     }
/// }
/// ```
///
/// Errors are final: the framing of everything after a malformed message is unknown, so the parser keeps
/// answering the same error and the connection must be closed.
public struct HTTPRequestParser: Sendable {
    /// What the parser found in the bytes buffered so far.
    public enum Action: Sendable, Equatable {
        /// No complete request (or next step) is buffered yet.
        case needMoreData
        /// The head of a request carrying `Expect: 100-continue` and a body is complete; the client waits
        /// for an interim `100 Continue` before it sends the body (RFC 9110 §10.1.1). Call ``next()`` again
        /// for the request itself.
        case expectContinue
        /// A complete request, body included.
        case request(HTTPRequest)
        /// The bytes are not a valid request; answer with ``HTTPParserError/status`` and close.
        case error(HTTPParserError)
    }

    /// Where the parser is within the current message.
    enum State: Sendable, Equatable {
        /// Waiting for the request line and header section, up to the empty line.
        case head
        /// Reading a body framed by `Content-Length`.
        case fixedBody(remaining: Int)
        /// Reading a chunk-size line (RFC 9112 §7.1).
        case chunkSize
        /// Reading chunk data.
        case chunkData(remaining: Int)
        /// Expecting the CRLF that ends chunk data.
        case chunkEnd
        /// Reading the trailer section after the last chunk, up to the empty line (RFC 9112 §7.1.2).
        case trailers
        /// A framing error happened; nothing more is parsed.
        case failed(HTTPParserError)
    }

    /// The limits in force.
    public let configuration: Configuration

    var state: State = .head
    /// Received bytes; everything before `start` has been consumed.
    var buffer: [UInt8] = []
    var start = 0
    /// For line-oriented states: how many bytes after `start` have already been searched for LF, where the
    /// current line begins (also relative to `start`) and how many lines are complete. Offsets are relative so
    /// compacting the buffer never invalidates them.
    var scanned = 0
    var lineStart = 0
    var lineCount = 0
    /// The request being assembled once its head is parsed.
    var request = HTTPRequest(method: .get, target: "")

    /// Makes a parser with the given limits.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    // MARK: - Input

    /// Buffers bytes received from the peer. Call ``next()`` afterwards.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Buffers bytes received from the peer. Call ``next()`` afterwards.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Buffers `bytes` and returns the first action; call ``next()`` for any that follow, e.g. the second of
    /// two pipelined requests.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> Action {
        append(bytes)
        return next()
    }

    /// Buffers `bytes` and returns the first action; call ``next()`` for any that follow.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) -> Action {
        append(bytes)
        return next()
    }

    // MARK: - State

    /// How many received bytes have not been consumed yet.
    public var bufferedByteCount: Int { buffer.count - start }

    /// Whether the parser sits between requests with nothing buffered: no part of a next request has arrived.
    public var isIdle: Bool { state == .head && buffer.count == start }

    /// Whether the head of the current request is complete and its body is being read.
    public var isReadingBody: Bool {
        switch state {
        case .fixedBody, .chunkSize, .chunkData, .chunkEnd, .trailers: true
        case .head, .failed: false
        }
    }

    /// Drops consumed bytes so the buffer does not grow with every pipelined request, and gives back a large
    /// allocation (left by a big body) once it is empty.
    mutating func compact() {
        if start == buffer.count {
            if buffer.capacity > 64 * 1024 {
                buffer = []
            } else {
                buffer.removeAll(keepingCapacity: true)
            }
            start = 0
        } else if start >= 4096, start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
    }

    // MARK: - Parsing

    /// What one parsing step did: moved to another state (keep going) or produced an action for the caller.
    enum Step {
        case proceed
        case yield(Action)
    }

    /// Parses as far as the buffered bytes allow and returns the next action.
    public mutating func next() -> Action {
        while true {
            let step: Step
            switch state {
            case .failed(let error):
                return .error(error)
            case .head:
                step = parseHead()
            case .fixedBody(let remaining):
                step = readFixedBody(remaining: remaining)
            case .chunkSize:
                step = parseChunkSize()
            case .chunkData(let remaining):
                step = readChunkData(remaining: remaining)
            case .chunkEnd:
                step = parseChunkEnd()
            case .trailers:
                step = parseTrailers()
            }
            if case .yield(let action) = step { return action }
        }
    }

    /// Enters the failed state and reports `error`.
    mutating func fail(_ error: HTTPParserError) -> Step {
        state = .failed(error)
        return .yield(.error(error))
    }

    /// Moves to a new state at a message boundary, resetting the line bookkeeping.
    mutating func enter(_ newState: State) {
        state = newState
        scanned = 0
        lineStart = 0
        lineCount = 0
    }

    /// Hands out the finished request and goes back to waiting for the next head.
    mutating func completeRequest() -> Step {
        enter(.head)
        if start == buffer.count, buffer.capacity > 64 * 1024 {
            // A large body is done with; an idle keep-alive connection should not keep its buffer.
            buffer = []
            start = 0
        }
        var finished = HTTPRequest(method: .get, target: "")
        swap(&finished, &request)
        return .yield(.request(finished))
    }

    /// Reads a `Content-Length` body as it arrives, without waiting for all of it to be buffered.
    mutating func readFixedBody(remaining: Int) -> Step {
        let take = min(remaining, buffer.count - start)
        if take > 0 {
            request.body.append(contentsOf: buffer[start..<(start + take)])
            start += take
        }
        if take == remaining { return completeRequest() }
        state = .fixedBody(remaining: remaining - take)
        return .yield(.needMoreData)
    }
}
