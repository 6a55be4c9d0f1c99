import SimJSON

/// The checks a SNAP provider runs before a request reaches a service: access-token issuance (service 73, 74)
/// and the transactional checks, each rejection a ``SNAPError`` carrying an explanation of what was expected.
///
/// Each kind of request is checked in two steps. The first is pure and runs outside every lock: headers,
/// timestamp, partner lookup, signature verification and, when it fails, the diagnosis of the mismatch. The
/// second needs the partner's state (its tokens, the external IDs it used today) and runs under that partner's
/// lock. Stateless: the partners' parsed public keys belong to the ``World``.
public struct SecurityPipeline: Sendable {
    /// Chooses the provider conventions for a route (the seam for provider profiles).
    public typealias ConventionsProvider = @Sendable (Route, LoadedFixtures) -> SecurityConventions

    private let conventions: ConventionsProvider

    /// - Parameter conventions: the conventions per route; ASPI's ``SecurityConventions/standard`` by default.
    public init(conventions: @escaping ConventionsProvider = { _, _ in .standard }) {
        self.conventions = conventions
    }

    // MARK: - Pure steps

    /// Verifies a token request up to issuing; the grant is then issued under the partner's lock.
    ///
    /// What it throws is not redacted yet: its caller redacts every rejection once, whichever step threw it
    /// (``Simulator`` when it decides, ``issueAccessToken(_:world:state:)`` here); redacting here too passed
    /// every explanation through ``Redaction`` twice.
    func verifyTokenRequest(_ exchange: Exchange, world: World) throws(SNAPError) -> TokenGrant {
        try AccessTokenIssuer(conventions: conventions(exchange.route, world.fixtures), keys: world.keys)
            .verify(exchange, fixtures: world.fixtures)
    }

    /// Verifies a transaction up to what needs the partner's state. Throws unredacted, like
    /// ``verifyTokenRequest(_:world:)``.
    func verifyTransaction(_ exchange: Exchange, world: World) throws(SNAPError) -> TransactionAdmission {
        if exchange.route.dialect.requestSigning == .smilepayz {
            return try SmilePayzAuthenticator(conventions: conventions(exchange.route, world.fixtures), keys: world.keys)
                .verify(exchange, world: world)
        }
        return try TransactionAuthenticator(conventions: conventions(exchange.route, world.fixtures), keys: world.keys)
            .verify(exchange, world: world)
    }

    /// The error with every partner's client secret and private key blanked out of its explanation: whatever a
    /// partner sent (even its own secret pasted into a header) is echoed back without credentials.
    static func redacted(_ error: SNAPError, _ world: World) -> SNAPError {
        guard let explanation = error.explanation else { return error }
        return error.explained(world.redaction.redact(explanation))
    }

    // MARK: - Both steps on one partner's state (tests and tools that hold the state themselves)

    /// Verifies a token request and issues a token into `state`, the state of the partner it names.
    public func issueAccessToken(_ exchange: Exchange, world: World, state: inout PartnerState) throws(SNAPError)
        -> JSONObject
    {
        do {
            return try verifyTokenRequest(exchange, world: world).issue(into: &state)
        } catch {
            throw Self.redacted(error, world)
        }
    }

    /// Runs the transactional checks in SNAP order against `state`, the state of the partner the request names.
    public func authenticate(_ exchange: Exchange, world: World, state: inout PartnerState) throws(SNAPError)
        -> AuthenticatedCaller
    {
        do {
            return try verifyTransaction(exchange, world: world).admit(into: &state)
        } catch {
            throw Self.redacted(error, world)
        }
    }
}
