/// The checks a SNAP provider runs before a request reaches a service: access-token issuance (service 73)
/// and the transactional checks, each rejection a ``SNAPError`` carrying an explanation of what was expected.
///
/// Stateless apart from a cache of parsed public keys; all mutable state (tokens, external IDs) lives in the
/// partners' states passed in, under the simulator's lock.
public struct SecurityPipeline: Sendable {
    /// Chooses the provider conventions for a route (the seam for provider profiles).
    public typealias ConventionsProvider = @Sendable (Route, LoadedFixtures) -> SecurityConventions

    private let conventions: ConventionsProvider
    private let keys = PublicKeyCache()

    /// - Parameter conventions: the conventions per route; ASPI's ``SecurityConventions/standard`` by default.
    public init(conventions: @escaping ConventionsProvider = { _, _ in .standard }) {
        self.conventions = conventions
    }

    /// Verifies a token request and issues a token; returns the response fields after responseCode/Message.
    public func issueAccessToken(_ exchange: Exchange, fixtures: LoadedFixtures, partners: inout PartnerStates)
        throws(SNAPError) -> JSONObject
    {
        try AccessTokenIssuer(conventions: conventions(exchange.route, fixtures), keys: keys)
            .issue(exchange, fixtures: fixtures, partners: &partners)
    }

    /// Runs the transactional checks in SNAP order; returns the caller or the first failure.
    public func authenticate(_ exchange: Exchange, fixtures: LoadedFixtures, partners: inout PartnerStates)
        throws(SNAPError) -> AuthenticatedCaller
    {
        switch exchange.route.security {
        case .transaction:
            return try TransactionAuthenticator(conventions: conventions(exchange.route, fixtures), keys: keys)
                .authenticate(exchange, fixtures: fixtures, partners: &partners)
        case .bearer:
            return try BearerAuthenticator().authenticate(exchange, fixtures: fixtures, partners: partners)
        case .accessToken:
            // The simulator sends token routes to issueAccessToken; reaching here is a routing mistake.
            throw SNAPError.generalError.explained(RejectionExplanation(
                .mandatoryHeader, summary: "Access-token route \(exchange.route.serviceName) has no caller to authenticate"))
        }
    }
}
