import SimJSON

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
        do {
            return try AccessTokenIssuer(conventions: conventions(exchange.route, fixtures), keys: keys)
                .issue(exchange, fixtures: fixtures, partners: &partners)
        } catch {
            throw Self.redacted(error, fixtures)
        }
    }

    /// Runs the transactional checks in SNAP order; returns the caller or the first failure.
    public func authenticate(_ exchange: Exchange, fixtures: LoadedFixtures, partners: inout PartnerStates)
        throws(SNAPError) -> AuthenticatedCaller
    {
        do throws(SNAPError) {
            switch exchange.route.security {
            case .transaction:
                return try TransactionAuthenticator(conventions: conventions(exchange.route, fixtures), keys: keys)
                    .authenticate(exchange, fixtures: fixtures, partners: &partners)
            case .bearer:
                return try BearerAuthenticator().authenticate(exchange, fixtures: fixtures, partners: partners)
            case .accessToken, .e2pay:
                // The simulator sends token routes to issueAccessToken; reaching here is a routing mistake.
                throw SNAPError.generalError.explained(RejectionExplanation(
                    .mandatoryHeader, summary: "Access-token route \(exchange.route.serviceName) has no caller to authenticate"))
            }
        } catch {
            throw Self.redacted(error, fixtures)
        }
    }

    /// The error with every partner's client secret and private key blanked out of its explanation: whatever a
    /// partner sent (even its own secret pasted into a header) is echoed back without credentials.
    private static func redacted(_ error: SNAPError, _ fixtures: LoadedFixtures) -> SNAPError {
        guard let explanation = error.explanation else { return error }
        let secrets = fixtures.partners.values.flatMap { [$0.clientSecret] + ($0.privateKey.map { [$0] } ?? []) }
        return error.explained(Redaction.redact(explanation, secrets: secrets))
    }
}
