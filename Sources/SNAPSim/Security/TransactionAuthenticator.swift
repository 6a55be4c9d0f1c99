import SimHTTP
import SimJSON

/// The checks on a SNAP transaction, in SNAP order (snap.md §3, issue 3):
/// mandatory headers, with the profile's extra ones (400xx02; missing `Authorization` for symmetric partners
/// 401xx03) → partner (401xx00 Unknown client) → the partner's profile (404xx02) → CHANNEL-ID, the partner's
/// and the profile's rule (400xx01) → X-TIMESTAMP (400xx01) → signature (401xx00) → access token (401xx01,
/// symmetric partners) → customer token where the route needs one (401xx04 missing, 401xx02 invalid) →
/// X-EXTERNAL-ID in the profile's format (400xx01 format, 409xx00 reuse).
///
/// Split in two: ``verify(_:world:)`` is pure (everything up to the signature, and the external ID's format)
/// and runs outside every lock; ``TransactionAdmission/admit(into:)`` checks what needs the partner's state
/// (its tokens and the external IDs it used today) under that partner's lock. The external ID is recorded
/// only after every check passed, so a rejected request never burns its ID.
struct TransactionAuthenticator {
    let conventions: SecurityConventions
    let keys: PublicKeys

    func verify(_ exchange: Exchange, world: World) throws(SNAPError) -> TransactionAdmission {
        let fixtures = world.fixtures
        let request = exchange.request
        let now = exchange.receivedAt
        let dialect = exchange.route.dialect
        let required = dialect.requiredHeaders.isEmpty
            ? MandatoryHeaders.transaction : MandatoryHeaders.transaction + dialect.requiredHeaders
        let headers = try MandatoryHeaders.require(required, in: request.headers, requestKind: "A SNAP transaction")
        let clientId = headers[SecurityHeader.partnerID] ?? ""
        guard let partner = PartnerLookup.partner(clientId, in: fixtures) else {
            throw PartnerLookup.unknownClient(clientId, header: SecurityHeader.partnerID, fixtures: fixtures)
        }
        try ProfileBinding.check(partner, on: exchange.route, fixtures: fixtures)

        let token = try SecurityHeader.bearerToken(in: request.headers)
        if partner.signing == .symmetric && token == nil {
            var explanation = RejectionExplanation(
                .mandatoryHeader,
                summary: request.headers.contains(SecurityHeader.authorization)
                    ? "Authorization carries no access token" : "Missing header Authorization",
                expected: "Authorization: Bearer <accessToken> (\(partner.clientId) signs symmetrically, with a B2B token)",
                received: request.headers[SecurityHeader.authorization])
            explanation.hint = "Request a token from the access-token endpoint first; `snapsim sign` shows both requests."
            throw SNAPError.tokenNotFound.explained(explanation)
        }

        let channel = headers[SecurityHeader.channelID] ?? ""
        if let required = partner.channelId, channel != required {
            var explanation = RejectionExplanation(
                .channelID, summary: "CHANNEL-ID must be \(required) for partner \(partner.clientId)",
                expected: required, received: channel)
            explanation.fact("partner", .string(partner.clientId))
            throw SNAPError.invalidFieldFormat(SecurityHeader.channelID).explained(explanation)
        }
        if !dialect.channelID.accepts(channel, clientId: partner.clientId) {
            let expected = dialect.channelID.expectation(clientId: partner.clientId)
            var explanation = RejectionExplanation(
                .channelID, summary: "CHANNEL-ID must be \(expected) in the \(exchange.route.profile) profile",
                expected: expected, received: channel)
            explanation.fact("profile", .string(exchange.route.profile))
            throw SNAPError.invalidFieldFormat(SecurityHeader.channelID).explained(explanation)
        }

        let timestamp = headers[SecurityHeader.timestamp] ?? ""
        let parsed = try TimestampCheck(allowedSkewSeconds: fixtures.security.timestampSkewSeconds, zones: conventions.timestampZones)
            .check(timestamp, receivedAt: now)

        // A replayed request was logged only after its signature verified (the check is pure, so it would pass
        // again); the journal's verdict is worked out for the entries a replay keeps (ReplayJournal).
        let verdict = exchange.replaying
            ? SecurityVerdict(signingMode: partner.signing, accessToken: token)
            : try SignatureCheck(partner: partner, conventions: conventions, keys: keys, partners: fixtures.partners)
                .verifyTransaction(
                    request, token: token, timestamp: timestamp, parsedTimestamp: parsed,
                    signature: headers[SecurityHeader.signature] ?? "")

        let externalID = headers[SecurityHeader.externalID] ?? ""
        var settings = fixtures.security
        if let format = dialect.externalID {
            settings.externalIDNumericOnly = format.numericOnly
            settings.externalIDMaxLength = format.maxLength
        }
        let externalIDCheck = ExternalIDCheck(settings: settings, now: now)
        try externalIDCheck.checkFormat(externalID)
        return TransactionAdmission(
            partner: partner, token: partner.signing == .symmetric ? token : nil, externalID: externalID,
            externalIDCheck: externalIDCheck, customerToken: dialect.requiresCustomerToken
                ? CustomerTokenCheck(now: now, scheme: dialect.customerTokenScheme) : nil,
            headers: request.headers, verdict: verdict, now: now)
    }
}

/// A transaction whose signature verified: what remains to check against the partner's own state.
struct TransactionAdmission {
    let partner: Partner
    /// The B2B token to find in the partner's store (symmetric partners).
    let token: String?
    /// `nil` for providers without `X-EXTERNAL-ID` (SmilePayz).
    let externalID: String?
    let externalIDCheck: ExternalIDCheck
    /// The customer-token check, on routes that need one.
    let customerToken: CustomerTokenCheck?
    let headers: HTTPHeaders
    let verdict: SecurityVerdict
    let now: SimTime

    /// Runs under the partner's lock: the access token, the customer token, then the external ID, recorded
    /// once everything passed.
    func admit(into state: inout PartnerState) throws(SNAPError) -> AuthenticatedCaller {
        if let token {
            try AccessTokenCheck(now: now).check(token, for: partner.clientId, in: state.tokens)
        }
        let customerNumber = try customerToken?.check(headers, for: partner.clientId, tokens: state.customerTokens)
        if let externalID { try externalIDCheck.claim(externalID, in: &state.externalIDs) }
        return AuthenticatedCaller(partner: partner, externalID: externalID, verdict: verdict, customerNumber: customerNumber)
    }
}
