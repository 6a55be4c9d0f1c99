import SimJSON

/// Checks a presented B2B access token: issued by this simulator, unexpired, and issued to the caller.
///
/// Every failure is 401xx01 `Invalid Token (B2B)` (snap.md §3g); the explanation says which of the three it was.
struct AccessTokenCheck {
    let now: SimTime

    /// Verifies that `token` is valid for `clientId` now, in the partner's own store (under its lock).
    /// A token the partner never received is ``unknown(_:)``; the caller may then look for it among the other
    /// partners, outside this partner's lock, to say whose it is (``issuedToOther(_:token:clientId:)``).
    func check(_ token: String, for clientId: String, in store: AccessTokenStore) throws(SNAPError) {
        if let issued = store.lookup(token) {
            guard issued.isExpired(at: now) else { return }
            throw expired(issued, token: token)
        }
        throw unknown(token)
    }

    /// The rejection of a token that belongs to another partner.
    func issuedToOther(_ issued: AccessTokenStore.IssuedToken, token: String, clientId: String) -> SNAPError {
        var explanation = base(
            summary: "Access token was issued to partner \(issued.clientId), not to \(clientId)", token: token)
        explanation.fact("tokenIssuedTo", .string(issued.clientId))
        explanation.fact("tokenIssuedAt", .string(issued.issuedAt.description))
        explanation.diagnosis.append(.init(
            cause: "token-of-other-partner", summary: "the token belongs to another partner",
            detail: "The token was issued to partner \(issued.clientId); X-PARTNER-ID is \(clientId). Tokens are "
                + "per partner: request one with X-CLIENT-KEY \(clientId)."))
        return SNAPError.invalidToken.explained(explanation)
    }

    /// Verifies a token found in its holder's store on a route where the token alone names the caller.
    func holder(_ issued: AccessTokenStore.IssuedToken?, token: String) throws(SNAPError) -> AccessTokenStore.IssuedToken {
        guard let issued else { throw unknown(token) }
        guard !issued.isExpired(at: now) else { throw expired(issued, token: token) }
        return issued
    }

    private func expired(_ issued: AccessTokenStore.IssuedToken, token: String) -> SNAPError {
        let ago = (now - issued.expiresAt).wholeMilliseconds / 1000
        var explanation = base(
            summary: "Access token expired at \(issued.expiresAt) (\(ago) s ago; simulator now \(now))", token: token)
        explanation.fact("tokenIssuedTo", .string(issued.clientId))
        explanation.fact("tokenIssuedAt", .string(issued.issuedAt.description))
        explanation.fact("tokenExpiredAt", .string(issued.expiresAt.description))
        explanation.diagnosis.append(.init(
            cause: "token-expired", summary: "the token expired",
            detail: "The token was valid for \((issued.expiresAt - issued.issuedAt).wholeMilliseconds / 1000) s from "
                + "\(issued.issuedAt). Request a new token before expiresIn runs out."))
        return SNAPError.invalidToken.explained(explanation)
    }

    func unknown(_ token: String) -> SNAPError {
        var explanation = base(summary: "Access token is unknown to the simulator", token: token)
        if token.lowercased().hasPrefix("bearer ") {
            explanation.diagnosis.append(.init(
                cause: "token-double-bearer", summary: "Authorization says Bearer twice",
                detail: "Authorization is `Bearer Bearer …`: send `Bearer <accessToken>` once."))
        } else {
            explanation.diagnosis.append(.init(
                cause: "token-unknown", summary: "the token was never issued here",
                detail: "This simulator never issued the token, or issued it before a reset, restart or fixture reload "
                    + "(tokens live in memory). Request a new one from the access-token endpoint."))
        }
        return SNAPError.invalidToken.explained(explanation)
    }

    private func base(summary: String, token: String) -> RejectionExplanation {
        var explanation = RejectionExplanation(
            .accessToken, summary: summary,
            expected: "Authorization: Bearer <accessToken issued to X-PARTNER-ID and not expired>", received: token)
        explanation.fact("now", .string(now.description))
        return explanation
    }
}
