import SimHTTP

/// Routes that ask only for `Authorization: Bearer <token>` (seed 000's balance limitation check): the token
/// alone names the partner. Missing → 401xx03; unknown or expired → 401xx01; without `Bearer ` → 401xx01.
struct BearerAuthenticator {
    /// The token presented; pure.
    func token(_ exchange: Exchange) throws(SNAPError) -> String {
        guard let token = try SecurityHeader.bearerToken(in: exchange.request.headers) else {
            let explanation = RejectionExplanation(
                .mandatoryHeader, summary: "Missing header Authorization",
                expected: "Authorization: Bearer <accessToken>",
                received: exchange.request.headers[SecurityHeader.authorization])
            throw SNAPError.tokenNotFound.explained(explanation)
        }
        return token
    }

    /// The caller, once the token was found (or not) in its holder's store.
    func caller(_ issued: AccessTokenStore.IssuedToken?, token: String, exchange: Exchange, fixtures: LoadedFixtures)
        throws(SNAPError) -> AuthenticatedCaller
    {
        let issued = try AccessTokenCheck(now: exchange.receivedAt).holder(issued, token: token)
        guard let partner = PartnerLookup.partner(issued.clientId, in: fixtures) else {
            throw PartnerLookup.unknownClient(issued.clientId, header: "the token's partner", fixtures: fixtures)
        }
        return AuthenticatedCaller(partner: partner, externalID: nil, verdict: SecurityVerdict(accessToken: token))
    }
}
