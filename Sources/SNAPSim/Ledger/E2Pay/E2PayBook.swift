/// One partner's E2Pay sessions: host and user access tokens, authorization codes and refresh tokens.
///
/// Every token carries its expiry on the simulator clock; logout revokes a user token and its refresh token
/// at once. Lifetimes are the fixtures' (``E2PayFixtures``, docs/e2pay.md#tokens).
public struct E2PayBook: Codable, Sendable {
    /// Who holds a token.
    enum Holder: Codable, Sendable, Hashable {
        /// `client_credentials`: the partner itself.
        case host
        /// A customer logged in with username and password.
        case user(String)
        /// A merchant logged in with username and password (`user_type` `MERCHANT`).
        case merchant(String)
    }

    struct Session: Codable, Sendable, Hashable {
        let holder: Holder
        let expiresAt: SimTime
        var revoked = false
    }

    var accessTokens: [String: Session] = [:]
    var refreshTokens: [String: Session] = [:]
    /// Authorization codes from `/rest/h2h/authorization/`, each usable once.
    var codes: [String: Session] = [:]
    /// Passwords (MD5, upper-case hex) set at registration or changed, over the fixtures' (``E2PayFixtures``).
    var passwords: [String: String] = [:]
    /// E-mail addresses of customers registered through E2Pay.
    var emails: [String: String] = [:]
    /// Registrations waiting for their token, by phone.
    var registrations: [String: E2PayRegistration] = [:]
    /// SMS and e-mail the provider would have sent, oldest first (`GET /_sim/payer/e2pay-outbox`).
    var outbox: [E2PayMessage] = []
    /// Every account movement made through E2Pay (top-ups, P2P), in time order.
    var history: [E2PayHistoryRow] = []
    /// P2P requests by `transactionRequestId`.
    var transferRequests: [String: E2PayTransferRequest] = [:]
    /// `clientRef`s already used by a P2P request (a reuse is `04`).
    var clientRefs: Set<String> = []
    /// Transfers to bank, disbursements and QR/QRIS payments (issue 13's money out).
    var moneyOut = E2PayMoneyOutBook()
    /// Upgrade requests (KTP), the latest per account.
    var upgrades: [String: E2PayUpgrade] = [:]
    /// Merchants registered through E2Pay, and fixture merchants once they changed their phone or e-mail.
    var merchants: [String: E2PayMerchant] = [:]
    /// Merchant registrations waiting for their token, by phone.
    var merchantRegistrations: [String: E2PayRegistration] = [:]
    /// Phone and e-mail change tokens by `phone:<username>` / `email:<username>`, and how many were sent.
    var challenges: [String: E2PayChallenge] = [:]
    var challengeAttempts: [String: Int] = [:]

    public init() {}
}
