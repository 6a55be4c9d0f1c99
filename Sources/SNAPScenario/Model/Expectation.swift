import SNAPSim
import SimJSON

/// What one request step expects of the answer. Every part is optional; an empty expectation only requires
/// that an answer came.
public struct Expectation: Sendable, Hashable {
    /// The HTTP status code.
    public var status: Int?
    /// Shorthand for the body field `/responseCode`.
    public var responseCode: JSONMatcher?
    /// Shorthand for the body field `/responseMessage`.
    public var responseMessage: JSONMatcher?
    /// Body fields by JSON pointer, in file order.
    public var fields: [Field]
    /// The whole body (usually a subset object: only the members listed are compared).
    public var body: JSONMatcher?
    /// Response headers by name (compared case-insensitively by name); `{"absent": true}` requires none.
    public var headers: [Header]
    /// The answer must come at least this late (a simulated timeout answers after 3 s). In-process the
    /// simulator's scheduled delay is compared, over HTTP the time measured.
    public var minimumDelay: Duration?

    /// A body field, by JSON pointer, and what it must be.
    public struct Field: Sendable, Hashable {
        public var pointer: JSONPointer
        public var matcher: JSONMatcher
    }

    /// A response header, by name, and what it must be.
    public struct Header: Sendable, Hashable {
        public var name: String
        public var matcher: JSONMatcher
    }

    public init(
        status: Int? = nil, responseCode: JSONMatcher? = nil, responseMessage: JSONMatcher? = nil, fields: [Field] = [],
        body: JSONMatcher? = nil, headers: [Header] = [], minimumDelay: Duration? = nil
    ) {
        self.status = status
        self.responseCode = responseCode
        self.responseMessage = responseMessage
        self.fields = fields
        self.body = body
        self.headers = headers
        self.minimumDelay = minimumDelay
    }

    /// Whether anything reads the body as JSON.
    var readsBody: Bool {
        responseCode != nil || responseMessage != nil || !fields.isEmpty || body != nil
    }

    var strings: [String] {
        [responseCode, responseMessage, body].compactMap { $0 }.flatMap(\.strings)
            + fields.flatMap(\.matcher.strings) + headers.flatMap(\.matcher.strings)
    }
}

/// Saves part of an answer (or of the request sent) as a variable for later steps.
public struct Capture: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        /// A field of the response body.
        case body(JSONPointer)
        /// A response header.
        case header(String)
        /// A header of the request as it was sent, e.g. the generated `X-EXTERNAL-ID`.
        case requestHeader(String)
    }

    public var variable: String
    public var source: Source
}
