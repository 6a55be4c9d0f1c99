/// The B2B access tokens issued to one partner, with when each was issued and when it expires.
///
/// Expired tokens are kept for a while after expiry so that a rejection can say "expired at T" rather than
/// "unknown"; they are dropped once older than ``retention``, and the store never holds more than
/// ``capacity`` tokens, so memory stays flat however many tokens a load test requests.
public struct AccessTokenStore: Codable, Sendable {
    /// One issued token.
    public struct IssuedToken: Codable, Sendable, Hashable {
        public let token: String
        public let clientId: String
        public let issuedAt: SimTime
        public let expiresAt: SimTime

        /// Whether the token is no longer valid at `time`: a 900 s token issued at T is valid until T+900 s, exclusive.
        public func isExpired(at time: SimTime) -> Bool { time >= expiresAt }
    }

    /// How many tokens one partner may hold at once; the oldest are forgotten first.
    public static let capacity = 10_000
    /// How long an expired token is remembered for explanations.
    public static let retention: Duration = .seconds(24 * 3600)

    private var tokens: [String: IssuedToken] = [:]
    /// Tokens in issue order, for pruning; entries before `head` are gone.
    private var order: [String] = []
    private var head = 0

    public init() {}

    /// Records `token` as issued to `clientId` at `time`, valid for `lifetime`.
    @discardableResult
    public mutating func issue(_ token: String, to clientId: String, at time: SimTime, lifetime: Duration) -> IssuedToken {
        prune(at: time)
        let issued = IssuedToken(token: token, clientId: clientId, issuedAt: time, expiresAt: time + lifetime)
        if tokens.updateValue(issued, forKey: token) == nil { order.append(token) }
        return issued
    }

    /// The token as issued, expired or not; `nil` when this partner never received it (or it was forgotten).
    public func lookup(_ token: String) -> IssuedToken? {
        tokens[token]
    }

    /// How many tokens are remembered.
    public var count: Int { tokens.count }

    private mutating func prune(at time: SimTime) {
        while head < order.count {
            let oldest = order[head]
            if let issued = tokens[oldest], tokens.count < Self.capacity, issued.expiresAt + Self.retention > time {
                break
            }
            tokens[oldest] = nil
            head += 1
        }
        // Compact the queue once most of it is dead, so the array does not grow forever.
        if head > 1024 && head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
    }
}
