/// Answers requests. The server calls it on an event-loop thread, so it must return quickly;
/// work that should happen later is expressed in the reply (``HTTPReply/delay``), not by blocking.
public protocol HTTPResponder: Sendable {
    func respond(to request: HTTPRequest) -> HTTPReply
}

/// What the server does with a request once the responder has decided.
public struct HTTPReply: Sendable {
    /// What goes back on the wire.
    public enum Action: Sendable, Equatable {
        /// Encode and send this response.
        case respond(HTTPResponse)
        /// Close the connection without answering (a transport fault a client must survive).
        case closeWithoutResponse
        /// Write these bytes as they are, then close: for truncated or malformed answers.
        case writeRawAndClose([UInt8])
    }

    public var action: Action
    /// How long to wait before acting. The wait holds no thread and does not slow other connections.
    public var delay: Duration
    /// A condition the reply waits for before it leaves (e.g. its change being on disk); `nil`: none.
    /// The wait holds no thread; ``delay`` counts from the gate's opening.
    public var gate: ReplyGate?

    public init(_ action: Action, delay: Duration = .zero, gate: ReplyGate? = nil) {
        self.action = action
        self.delay = delay
        self.gate = gate
    }

    /// Sends `response` at once.
    public static func respond(_ response: HTTPResponse) -> HTTPReply {
        HTTPReply(.respond(response))
    }
}
