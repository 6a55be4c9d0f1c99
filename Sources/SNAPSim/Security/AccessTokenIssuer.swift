import SimHTTP
import SimJSON

/// The access-token endpoints: B2B (service 73) and B2B2C customer tokens (service 74), which share their
/// headers and RSA signature (snap.md §2a, §3b).
///
/// Checked in order: mandatory headers (400xx02), X-TIMESTAMP (400xx01), client (401xx00 Unknown client),
/// signature (401xx00 Signature), the partner's profile (404xx02), body (400xx00 not JSON, 400xx02/400xx01
/// grantType; B2B2C see ``CustomerTokenIssuer``).
struct AccessTokenIssuer {
    static let grantType = "client_credentials"

    let conventions: SecurityConventions
    let keys: PublicKeys

    /// Everything but issuing: headers, timestamp, client, signature, profile and body. Pure: runs outside
    /// every lock.
    func verify(_ exchange: Exchange, fixtures: LoadedFixtures) throws(SNAPError) -> TokenGrant {
        let request = exchange.request
        let headers = try MandatoryHeaders.require(
            MandatoryHeaders.accessTokenRequest, in: request.headers, requestKind: "A B2B access-token request")
        let timestamp = headers[SecurityHeader.timestamp] ?? ""
        let clientKey = headers[SecurityHeader.clientKey] ?? ""
        let parsed = try TimestampCheck(allowedSkewSeconds: fixtures.security.timestampSkewSeconds, zones: conventions.timestampZones)
            .check(timestamp, receivedAt: exchange.receivedAt)
        guard let partner = PartnerLookup.partner(clientKey, in: fixtures) else {
            throw PartnerLookup.unknownClient(clientKey, header: SecurityHeader.clientKey, fixtures: fixtures)
        }
        // A replayed token request was logged only after its signature verified (Exchange.replaying).
        if !exchange.replaying {
            try SignatureCheck(partner: partner, conventions: conventions, keys: keys, partners: fixtures.partners)
                .verifyAccessTokenRequest(
                    clientKey: clientKey, timestamp: timestamp, parsedTimestamp: parsed,
                    signature: headers[SecurityHeader.signature] ?? "")
        }
        try ProfileBinding.check(partner, on: exchange.route, fixtures: fixtures)
        if exchange.route.serviceCode == .accessTokenB2B2C {
            let grant = try CustomerTokenIssuer.readGrant(request.body)
            return TokenGrant(partner: partner, kind: .customer(grant), at: exchange.receivedAt, settings: fixtures.security,
                expiresIn: conventions.expiresIn, authCodes: fixtures.authCodes)
        }
        try Self.checkBody(request.body)
        return TokenGrant(partner: partner, kind: .b2b, at: exchange.receivedAt, settings: fixtures.security,
            expiresIn: conventions.expiresIn, authCodes: fixtures.authCodes)
    }

    /// `{"grantType":"client_credentials"}`; `additionalInfo` and other members are allowed and ignored.
    static func checkBody(_ body: [UInt8]) throws(SNAPError) {
        let expected = "a JSON object {\"grantType\":\"client_credentials\"} (additionalInfo optional)"
        let value: JSONValue
        do {
            value = try JSONParser.parse(body)
        } catch {
            var explanation = RejectionExplanation(
                .requestBody, summary: body.isEmpty ? "The request body is empty" : "The request body is not JSON: \(error)",
                expected: expected, received: String(decoding: body.prefix(200), as: UTF8.self))
            explanation.hint = "Send Content-Type: application/json with the grantType object."
            throw SNAPError.badRequest.explained(explanation)
        }
        guard let object = value.objectValue else {
            throw SNAPError.badRequest.explained(RejectionExplanation(
                .requestBody, summary: "The request body is JSON \(value.typeName), not an object", expected: expected))
        }
        guard let grantType = object["grantType"] else {
            throw SNAPError.invalidMandatoryField("grantType").explained(RejectionExplanation(
                .requestBody, summary: "The request body has no grantType", expected: expected))
        }
        guard grantType.stringValue == Self.grantType else {
            let received = grantType.stringValue ?? grantType.compactText
            var explanation = RejectionExplanation(
                .requestBody, summary: "grantType must be \"client_credentials\"", expected: expected, received: received)
            if grantType.stringValue?.lowercased() == Self.grantType {
                explanation.diagnosis.append(.init(
                    cause: "grant-type-case", summary: "grantType differs only in letter case",
                    detail: "Write grantType in lower case: client_credentials."))
            }
            throw SNAPError.invalidFieldFormat("grantType").explained(explanation)
        }
    }
}

/// A verified token request: what to issue, under the partner's lock.
struct TokenGrant {
    enum Kind {
        /// A B2B access token (service 73).
        case b2b
        /// A B2B2C customer token (service 74) for this grant.
        case customer(CustomerTokenIssuer.Grant)
    }

    let partner: Partner
    let kind: Kind
    let at: SimTime
    let settings: SecuritySettings
    let expiresIn: SecurityConventions.ExpiresInStyle
    let authCodes: [String: AuthCode]

    /// Issues the token into the partner's state; returns the response fields after responseCode/Message.
    func issue(into state: inout PartnerState) throws(SNAPError) -> JSONObject {
        switch kind {
        case .customer(let grant):
            return try CustomerTokenIssuer(settings: settings)
                .issue(grant, to: partner, authCodes: authCodes, at: at, state: &state)
        case .b2b:
            let lifetime = settings.tokenLifetimeSeconds
            let token = state.ids.token()
            state.tokens.issue(token, to: partner.clientId, at: at, lifetime: .seconds(lifetime))
            return [
                "accessToken": .string(token),
                "tokenType": "Bearer",
                "expiresIn": expiresIn == .number ? .int(lifetime) : .string(String(lifetime)),
            ]
        }
    }
}
