/// Codes the security pipeline answers before any service runs, per route security, for listings and the
/// catalogue check. Mirrors what the pipeline throws (see `Security/`); keep the two in step.
public enum PipelineAnswers {
    /// What the pipeline can answer for `service` (token services are answered by the pipeline alone).
    public static func answers(for service: ServiceDescriptor) -> [ServiceAnswer] {
        switch service {
        case .accessTokenB2B: tokenRequest + [
            ServiceAnswer(SNAPError(httpStatus: 200, caseCode: "00"), "grantType client_credentials, signed SHA256withRSA over clientKey|X-TIMESTAMP"),
        ]
        case .accessTokenB2B2C: tokenRequest + [
            ServiceAnswer(SNAPError(httpStatus: 200, caseCode: "00"), "AUTHORIZATION_CODE with a known authCode, or REFRESH_TOKEN with an unused refresh token"),
            ServiceAnswer(SNAPError.invalidCustomerToken, "the refreshToken is unknown, expired or already used"),
        ]
        default: security(service.security)
        }
    }

    /// What every token request can be refused with, before its grant is looked at.
    static let tokenRequest = [
        ServiceAnswer(SNAPError.badRequest, "the body is empty, not JSON, or not a JSON object"),
        ServiceAnswer(SNAPError.invalidFieldFormat(""), "X-TIMESTAMP or grantType has the wrong form"),
        ServiceAnswer(SNAPError.invalidMandatoryField(""), "X-TIMESTAMP, X-CLIENT-KEY or X-SIGNATURE is missing, or grantType (or authCode) is"),
        ServiceAnswer(SNAPError.unauthorized(""), "unknown X-CLIENT-KEY (Unknown client), a signature that does not verify (Signature), or an unknown authCode"),
    ]

    /// What the pipeline can answer on a route secured this way.
    public static func security(_ security: RouteSecurity) -> [ServiceAnswer] {
        switch security {
        case .accessToken:
            tokenRequest
        case .transaction:
            [
                ServiceAnswer(SNAPError.invalidFieldFormat(""), "X-TIMESTAMP, X-EXTERNAL-ID or CHANNEL-ID has the wrong form"),
                ServiceAnswer(SNAPError.invalidMandatoryField(""), "a mandatory header is missing (X-TIMESTAMP, X-SIGNATURE, X-PARTNER-ID, X-EXTERNAL-ID, CHANNEL-ID)"),
                ServiceAnswer(SNAPError.unauthorized(""), "unknown X-PARTNER-ID (Unknown client) or a signature that does not verify (Signature)"),
                ServiceAnswer(SNAPError.invalidToken, "the access token is unknown, expired or another partner's"),
                ServiceAnswer(SNAPError.tokenNotFound, "a symmetric partner sent no Authorization: Bearer token"),
                ServiceAnswer(SNAPError.conflict, "X-EXTERNAL-ID already used by this partner today (Jakarta day)"),
                ServiceAnswer(SNAPError(httpStatus: 404, caseCode: "02"), "the partner's profile is not the profile of this path (Invalid Routing)"),
                ServiceAnswer(SNAPError.invalidCustomerToken, "a route that needs a B2B2C customer token got an unknown, expired or wrongly written one"),
                ServiceAnswer(SNAPError(httpStatus: 401, caseCode: "04"), "a route that needs a B2B2C customer token got no Authorization-Customer"),
            ]
        case .bearer:
            [
                ServiceAnswer(SNAPError.tokenNotFound, "no Authorization: Bearer token"),
                ServiceAnswer(SNAPError.invalidToken, "the access token is unknown or expired"),
            ]
        case .e2pay:
            // E2Pay's 2-character codes are listed apart (``E2PayResponseCode``): they are not SNAP case codes.
            []
        }
    }
}
