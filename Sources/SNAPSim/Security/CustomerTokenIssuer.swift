import SimJSON

/// The B2B2C customer token (service 74, snap.md §2a): exchanges an authorization code, or a refresh token,
/// for a customer access token bound to one e-money customer.
///
/// Body: `grantType` `AUTHORIZATION_CODE` with `authCode` (ASPI, DANA; DOKU's SDK writes it in lower case),
/// or `REFRESH_TOKEN` with `refreshToken`. Answers `accessToken`, `tokenType`, `accessTokenExpiryTime`,
/// `refreshToken` and `refreshTokenExpiryTime`, times in Jakarta time as DANA's SDK requires
/// (`yyyy-MM-ddTHH:mm:ss+07:00`). An unknown code answers `401xx00 Unauthorized. [authCode]`; an unknown,
/// expired or already used refresh token `401xx02 Invalid Customer Token`.
struct CustomerTokenIssuer {
    enum Grant {
        case authorizationCode(String)
        case refreshToken(String)
    }

    let settings: SecuritySettings

    /// Issues a customer token for `grant` (read by ``readGrant(_:)``) into the partner's state, under its lock.
    func issue(_ grant: Grant, to partner: Partner, authCodes: [String: AuthCode], at now: SimTime, state: inout PartnerState)
        throws(SNAPError) -> JSONObject
    {
        let customerNumber: String
        switch grant {
        case .authorizationCode(let code):
            guard let authorized = authCodes[code] else {
                var explanation = RejectionExplanation(
                    .requestBody, summary: "authCode is not an authorization code of the fixtures",
                    expected: "an authCode listed in auth-codes.json", received: code)
                explanation.hint = "`snapsim` lists sandbox codes in fixtures/auth-codes.json (e.g. one per demo customer)."
                throw SNAPError.unauthorized("authCode").explained(explanation)
            }
            customerNumber = authorized.customerNumber
        case .refreshToken(let token):
            let existing = state.customerTokens.grant(refreshToken: token)
            guard let existing, now < existing.refreshTokenExpiresAt else {
                let explanation = RejectionExplanation(
                    .customerToken,
                    summary: existing == nil
                        ? "refreshToken is unknown (never issued to \(partner.clientId), or already used)"
                        : "refreshToken expired at \(existing?.refreshTokenExpiresAt.description ?? "")",
                    expected: "the refreshToken of this partner's latest customer token, unexpired")
                throw SNAPError.invalidCustomerToken.explained(explanation)
            }
            customerNumber = existing.customerNumber
            state.customerTokens.revoke(existing)
        }

        let issued = CustomerTokenStore.Grant(
            accessToken: state.ids.token(), refreshToken: state.ids.token(), customerNumber: customerNumber,
            issuedAt: now, accessTokenExpiresAt: now + .seconds(settings.customerTokenLifetimeSeconds),
            refreshTokenExpiresAt: now + .seconds(settings.refreshTokenLifetimeSeconds))
        state.customerTokens.record(issued)
        let jakarta = CivilDate.jakartaOffsetMinutes
        return [
            "accessToken": .string(issued.accessToken),
            "tokenType": "Bearer",
            "accessTokenExpiryTime": .string(ISO8601Timestamp.format(issued.accessTokenExpiresAt, offsetMinutes: jakarta)),
            "refreshToken": .string(issued.refreshToken),
            "refreshTokenExpiryTime": .string(ISO8601Timestamp.format(issued.refreshTokenExpiresAt, offsetMinutes: jakarta)),
        ]
    }

    /// The grant in the body; grant types compare without letter case (DOKU's SDK sends `authorization_code`).
    static func readGrant(_ body: [UInt8]) throws(SNAPError) -> Grant {
        let expected = "{\"grantType\":\"AUTHORIZATION_CODE\",\"authCode\":\"…\"} or "
            + "{\"grantType\":\"REFRESH_TOKEN\",\"refreshToken\":\"…\"}"
        guard let object = (try? JSONParser.parse(body))?.objectValue else {
            throw SNAPError.badRequest.explained(RejectionExplanation(
                .requestBody, summary: body.isEmpty ? "The request body is empty" : "The request body is not a JSON object",
                expected: expected, received: String(decoding: body.prefix(200), as: UTF8.self)))
        }
        let fields = RequestFields(object)
        let grantType = try fields.required("grantType", maxLength: 64)
        switch grantType.uppercased() {
        case "AUTHORIZATION_CODE":
            return .authorizationCode(try fields.required("authCode", maxLength: 256))
        case "REFRESH_TOKEN":
            return .refreshToken(try fields.required("refreshToken", maxLength: 512))
        default:
            throw SNAPError.invalidFieldFormat("grantType").explained(RejectionExplanation(
                .requestBody, summary: "grantType must be AUTHORIZATION_CODE or REFRESH_TOKEN", expected: expected,
                received: grantType))
        }
    }
}
