/// The B2B2C customer tokens (service 74) issued to one partner: each access token and refresh token names
/// the e-money customer whose authorization code it was granted for.
///
/// Bounded like ``AccessTokenStore``: at most ``capacity`` grants are remembered, the oldest forgotten first,
/// so a load test that requests tokens in a loop keeps memory flat.
public struct CustomerTokenStore: Codable, Sendable {
    /// One grant: an access token and its refresh token for one customer.
    public struct Grant: Codable, Sendable, Hashable {
        public let accessToken: String
        public let refreshToken: String
        /// The ledger's customer number (`08…`).
        public let customerNumber: String
        public let issuedAt: SimTime
        public let accessTokenExpiresAt: SimTime
        public let refreshTokenExpiresAt: SimTime
    }

    /// How many grants one partner may hold at once.
    public static let capacity = 10_000

    private var byAccessToken: [String: Grant] = [:]
    private var byRefreshToken: [String: Grant] = [:]
    /// Access tokens in issue order, for pruning; entries before `head` are gone.
    private var order: [String] = []
    private var head = 0

    public init() {}

    /// Records a grant.
    public mutating func record(_ grant: Grant) {
        while byAccessToken.count >= Self.capacity, head < order.count {
            if let oldest = byAccessToken.removeValue(forKey: order[head]) {
                byRefreshToken[oldest.refreshToken] = nil
            }
            head += 1
        }
        if head > 1024 && head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
        byAccessToken[grant.accessToken] = grant
        byRefreshToken[grant.refreshToken] = grant
        order.append(grant.accessToken)
    }

    /// The grant of a customer access token, expired or not.
    public func grant(accessToken: String) -> Grant? { byAccessToken[accessToken] }

    /// The grant of a refresh token, expired or not.
    public func grant(refreshToken: String) -> Grant? { byRefreshToken[refreshToken] }

    /// Forgets a grant (a refresh token is used once: refreshing replaces the grant).
    public mutating func revoke(_ grant: Grant) {
        byAccessToken[grant.accessToken] = nil
        byRefreshToken[grant.refreshToken] = nil
    }
}
