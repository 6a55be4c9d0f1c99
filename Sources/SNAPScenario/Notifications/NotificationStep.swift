import SNAPSim
import SimJSON

/// What a scenario expects of the notifications its receiver got (`"expectNotifications"`).
///
/// The step selects the notifications received so far by `kind` and `partner`, waits (polling, bounded by
/// `timeout`) until enough of them arrived, then checks each one: path, fields, headers, signature and how far its
/// `X-TIMESTAMP` is from the simulator clock. `order` checks them one by one, in arrival order.
public struct NotificationExpectation: Sendable {
    /// Whether each selected notification must carry a valid signature.
    public enum SignatureCheck: String, Sendable, Hashable, CaseIterable {
        /// Verified with the simulator's published key (asymmetric, template) or the partner's secret (symmetric).
        case valid
        /// Must fail verification (a `bad-signature` fault).
        case invalid
        /// Not checked.
        case any
    }

    /// Only notifications of this kind (`va-payment`, `transfer`, `direct-debit`…), told by the path.
    public var kind: String?
    /// Only notifications sent for this partner (its client id, or a scenario partner name such as `snapsim-demo`).
    public var partner: String?
    /// Only notifications whose body fields match these (`{"/paymentRequestId": "PAY-1"}`).
    public var filter: [Expectation.Field] = []
    /// Exactly this many selected notifications; without it, at least one (or as many as `order` lists).
    public var count: Int?
    /// What every selected notification must be.
    public var each: NotificationMatch
    /// The selected notifications, one match each, in arrival order (`count` is then the list's length).
    public var order: [NotificationMatch]
    public var signature: SignatureCheck
    /// Each selected notification's `X-TIMESTAMP` is at most this far from the simulator clock now.
    public var within: Duration?
    /// Wall-clock bound on waiting for the notifications to arrive.
    public var timeout: Duration
    /// Variables saved from the last selected notification's body (or headers).
    public var captures: [Capture]

    /// How long a step waits when it names no `timeout`: long enough for a loaded machine, short for a miss.
    public static let defaultTimeout: Duration = .seconds(15)

    public init(
        kind: String? = nil, partner: String? = nil, count: Int? = nil, each: NotificationMatch = NotificationMatch(),
        order: [NotificationMatch] = [], signature: SignatureCheck = .valid, within: Duration? = nil,
        timeout: Duration = NotificationExpectation.defaultTimeout, captures: [Capture] = []
    ) {
        self.kind = kind
        self.partner = partner
        self.count = count
        self.each = each
        self.order = order
        self.signature = signature
        self.within = within
        self.timeout = timeout
        self.captures = captures
    }

    /// How many notifications the step waits for.
    var awaited: Int { count ?? max(order.count, 1) }

    var strings: [String] {
        ([each] + order).flatMap(\.strings) + [partner].compactMap { $0 } + filter.flatMap(\.matcher.strings)
    }
}

/// What one notification must be: its path, body fields, whole body and request headers.
public struct NotificationMatch: Sendable, Hashable {
    public var path: JSONMatcher?
    /// `json`, `body` and `headers` as in a request step's `expect` (status and codes are not used).
    public var expectation: Expectation

    public init(path: JSONMatcher? = nil, expectation: Expectation = Expectation()) {
        self.path = path
        self.expectation = expectation
    }

    var strings: [String] { (path?.strings ?? []) + expectation.strings }
}

/// How the scenario's receiver answers the notifications that arrive next (`"answerNotifications"`).
public struct ReceiverAnswer: Sendable, Hashable {
    /// What the answer carries.
    public enum Body: Sendable, Hashable {
        /// The success a provider expects: `{"responseCode":"2000000",…}`, or the profile's plain success text
        /// (SmilePayz's `SUCCESS`).
        case success
        /// `{"responseCode": code, "responseMessage": …}`.
        case responseCode(String)
        /// This JSON.
        case json(JSONValue)
        /// This text, as `text/plain`.
        case text(String)
    }

    public var status: Int
    public var body: Body
    /// For the next this-many notifications, then back to success; `nil`: until another answer is set.
    public var times: Int?

    public init(status: Int = 200, body: Body = .success, times: Int? = nil) {
        self.status = status
        self.body = body
        self.times = times
    }

    /// A 200 success, as the receiver answers by default.
    public static let success = ReceiverAnswer()
}
