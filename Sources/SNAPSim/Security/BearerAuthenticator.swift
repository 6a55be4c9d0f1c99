import SimHTTP

/// Routes that ask only for `Authorization: Bearer <token>` (seed 000's balance limitation check): the token
/// alone names the partner. Missing → 401xx03; unknown or expired → 401xx01.
struct BearerAuthenticator {
    func authenticate(_ exchange: Exchange, fixtures: LoadedFixtures, partners: PartnerStates) throws(SNAPError)
        -> AuthenticatedCaller
    {
        guard let token = SecurityHeader.bearerToken(in: exchange.request.headers) else {
            let explanation = RejectionExplanation(
                .mandatoryHeader, summary: "Missing header Authorization",
                expected: "Authorization: Bearer <accessToken>",
                received: exchange.request.headers[SecurityHeader.authorization])
            throw SNAPError.tokenNotFound.explained(explanation)
        }
        let issued = try AccessTokenCheck(now: exchange.receivedAt).holder(of: token, partners: partners)
        guard let partner = PartnerLookup.partner(issued.clientId, in: fixtures) else {
            throw PartnerLookup.unknownClient(issued.clientId, header: "the token's partner", fixtures: fixtures)
        }
        return AuthenticatedCaller(partner: partner, externalID: nil, verdict: SecurityVerdict(accessToken: token))
    }
}
