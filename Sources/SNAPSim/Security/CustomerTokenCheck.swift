import SimHTTP
import SimJSON

/// Checks the B2B2C customer token in `Authorization-Customer` (snap.md §3a) and names its customer.
///
/// Missing → 401xx04 `Customer Token Not Found`; unknown, expired, another partner's, or written in the
/// other scheme (`Bearer …` where the profile sends the raw token, or the reverse) → 401xx02
/// `Invalid Customer Token`.
struct CustomerTokenCheck {
    static let header = "Authorization-Customer"

    let now: SimTime
    let scheme: CustomerTokenScheme

    /// The ledger customer number the token was granted for.
    func check(_ headers: HTTPHeaders, for clientId: String, tokens: CustomerTokenStore) throws(SNAPError) -> String {
        let expected = scheme == .bearer
            ? "Authorization-Customer: Bearer <customer accessToken from the B2B2C token endpoint>"
            : "Authorization-Customer: <customer accessToken from the B2B2C token endpoint>, without Bearer"
        guard let value = SecurityHeader.value(Self.header, in: headers) else {
            var explanation = RejectionExplanation(
                .customerToken, summary: "Missing header Authorization-Customer", expected: expected)
            explanation.hint = "Exchange an authCode for a customer token first (service 74, access-token/b2b2c)."
            throw SNAPError(httpStatus: 401, caseCode: "04").explained(explanation)
        }
        let hasScheme = value.lowercased().hasPrefix("bearer ")
        let token = hasScheme ? String(value.dropFirst("bearer ".count)).trimmingBlanks : value
        var explanation = RejectionExplanation(.customerToken, summary: "", expected: expected, received: value)
        explanation.fact("now", .string(now.description))
        if hasScheme != (scheme == .bearer) {
            explanation.summary = scheme == .bearer
                ? "Authorization-Customer must start with Bearer in this profile"
                : "Authorization-Customer must carry the raw token, without Bearer, in this profile"
            throw SNAPError.invalidCustomerToken.explained(explanation)
        }
        guard let grant = tokens.grant(accessToken: token) else {
            explanation.summary = "Customer token is unknown to the simulator for partner \(clientId)"
            throw SNAPError.invalidCustomerToken.explained(explanation)
        }
        guard now < grant.accessTokenExpiresAt else {
            explanation.summary = "Customer token expired at \(grant.accessTokenExpiresAt)"
            explanation.fact("tokenExpiredAt", .string(grant.accessTokenExpiresAt.description))
            throw SNAPError.invalidCustomerToken.explained(explanation)
        }
        return grant.customerNumber
    }
}
