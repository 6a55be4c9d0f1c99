import SNAPCrypto
import SimHTTP
import SimJSON

/// SmilePayz v2.0 request signing (docs/smilepayz.md): no access token, and
/// `X-SIGNATURE = Base64(SHA256withRSA(merchant private key, X-TIMESTAMP + "|" + merchant secret + "|" + minify(body)))`
/// with `X-PARTNER-ID` = the merchant id (the partner's `clientId`, its secret the partner's `clientSecret`).
///
/// SmilePayz's own demo clients serialise differently (Gson's `\u003d` escapes, PHP's `\/`, C#'s nulls, key
/// order), so the body is never re-serialised: the signature verifies over the received bytes with whitespace
/// outside strings removed, or over the bytes exactly as sent.
public enum SmilePayzSigning {
    /// The text a SmilePayz request signs, for `body` as it is put on the wire.
    public static func stringToSign(timestamp: String, merchantSecret: String, body: [UInt8]) -> String {
        timestamp + "|" + merchantSecret + "|" + String(decoding: JSONMinifier.stripWhitespace(body), as: UTF8.self)
    }

    /// `X-SIGNATURE` for a request: what a SmilePayz merchant (or `snapsim`, acting as a demo one) sends.
    public static func signature(
        timestamp: String, merchantSecret: String, body: [UInt8], privateKey: RSA.PrivateKey
    ) -> String {
        let text = stringToSign(timestamp: timestamp, merchantSecret: merchantSecret, body: body)
        return Base64.encode(privateKey.signature(for: Array(text.utf8)))
    }

    /// The callback signature the platform sends to a merchant: SHA256withRSA over `tradeNo|X-TIMESTAMP`
    /// (the body is not covered).
    public static func callbackSignature(tradeNo: String, timestamp: String, platformKey: RSA.PrivateKey) -> String {
        Base64.encode(platformKey.signature(for: Array((tradeNo + "|" + timestamp).utf8)))
    }
}

/// The checks on a SmilePayz v2.0 request: headers (`X-TIMESTAMP`, `X-SIGNATURE`, `X-PARTNER-ID`; 400xx02) →
/// merchant (401xx00) → its profile (404xx02) → X-TIMESTAMP in `+07:00` or `Z`, within the skew (400xx01) →
/// signature (401xx00, with the usual explanation). No access token, `X-EXTERNAL-ID` or `CHANNEL-ID`.
struct SmilePayzAuthenticator {
    let conventions: SecurityConventions
    let keys: PublicKeys

    static let headers = [SecurityHeader.timestamp, SecurityHeader.signature, SecurityHeader.partnerID]

    /// The pure checks; what is left for the partner's lock is nothing (no token, no external ID).
    func verify(_ exchange: Exchange, world: World) throws(SNAPError) -> TransactionAdmission {
        let fixtures = world.fixtures
        let request = exchange.request
        let headers = try MandatoryHeaders.require(Self.headers, in: request.headers, requestKind: "A SmilePayz v2.0 request")
        let merchantId = headers[SecurityHeader.partnerID] ?? ""
        guard let partner = PartnerLookup.partner(merchantId, in: fixtures) else {
            throw PartnerLookup.unknownClient(merchantId, header: SecurityHeader.partnerID, fixtures: fixtures)
        }
        try ProfileBinding.check(partner, on: exchange.route, fixtures: fixtures)

        let timestamp = headers[SecurityHeader.timestamp] ?? ""
        let parsed = try TimestampCheck(allowedSkewSeconds: fixtures.security.timestampSkewSeconds, zones: .any)
            .check(timestamp, receivedAt: exchange.receivedAt)
        if !parsed.isUTCDesignator && parsed.offsetMinutes != CivilDate.jakartaOffsetMinutes {
            var explanation = RejectionExplanation(
                .timestamp, summary: "X-TIMESTAMP must be written in +07:00 or Z (SmilePayz)",
                expected: "yyyy-MM-ddTHH:mm:ss+07:00, e.g. "
                    + ISO8601Timestamp.format(exchange.receivedAt, offsetMinutes: CivilDate.jakartaOffsetMinutes),
                received: timestamp)
            explanation.hint = "SmilePayz's demos send +07:00 (Python, Node, C#, PHP) or Z (Java)."
            throw SNAPError.invalidFieldFormat(SecurityHeader.timestamp).explained(explanation)
        }
        let verdict = try verify(request, partner: partner, timestamp: timestamp, signature: headers[SecurityHeader.signature] ?? "")
        return TransactionAdmission(
            partner: partner, token: nil, externalID: nil,
            externalIDCheck: ExternalIDCheck(settings: fixtures.security, now: exchange.receivedAt), customerToken: nil,
            headers: request.headers, verdict: verdict, now: exchange.receivedAt)
    }

    private func verify(_ request: HTTPRequest, partner: Partner, timestamp: String, signature: String) throws(SNAPError)
        -> SecurityVerdict
    {
        let minified = SmilePayzSigning.stringToSign(timestamp: timestamp, merchantSecret: partner.clientSecret, body: request.body)
        let asSent = timestamp + "|" + partner.clientSecret + "|" + String(decoding: request.body, as: UTF8.self)
        guard case .success(let key) = keys.key(partner.publicKey) else {
            throw SNAPError.unauthorized("Signature").explained(RejectionExplanation(
                .signature, summary: "The public key of \(partner.clientId) in the fixtures cannot be used"))
        }
        let verifier = SignatureVerifier(credential: .publicKey(key))
        let received = ReceivedSignature(signature)
        let readings = received.decodings.filter { conventions.signatureEncodings.contains($0.encoding) }.map(\.bytes)
        for text in minified == asSent ? [minified] : [minified, asSent]
        where verifier.firstValid(readings, for: Array(text.utf8)) != nil {
            return SecurityVerdict(signingMode: .asymmetric, stringToSign: text, signatureEncoding: .base64, accessToken: nil)
        }
        var explanation = RejectionExplanation(.signature, summary: "Signature does not match", received: received.text)
        explanation.fact("algorithm", "SHA256withRSA")
        explanation.fact("stringToSign", .string(minified.clipped(to: 4096)))
        explanation.fact("timestampUsed", .string(timestamp.clipped()))
        explanation.fact("signatureEncoding", .string(received.encodingDescription))
        explanation.expected = "X-SIGNATURE = Base64(SHA256withRSA(private key of \(partner.clientId), "
            + "X-TIMESTAMP + \"|\" + merchant secret + \"|\" + minify(body))), minify = the body as sent without "
            + "whitespace outside strings (never re-serialised)"
        explanation.diagnosis = diagnose(request, partner: partner, timestamp: timestamp, readings: readings, verifier: verifier)
        explanation.summary = "Signature does not match: " + (explanation.diagnosis.first?.summary ?? "unknown cause")
        explanation.hint = "Compare your string-to-sign with stringToSign byte for byte (the secret is shown as ***)."
        throw SNAPError.unauthorized("Signature").explained(explanation)
    }

    /// Alternatives a merchant plausibly signed instead.
    private func diagnose(
        _ request: HTTPRequest, partner: Partner, timestamp: String, readings: [[UInt8]], verifier: SignatureVerifier
    ) -> [RejectionExplanation.Finding] {
        let body = String(decoding: JSONMinifier.stripWhitespace(request.body), as: UTF8.self)
        let alternatives: [(String, String, String)] = [
            (timestamp + "|" + body, "secret-missing", "the merchant secret was left out of the string-to-sign"),
            (partner.clientSecret + "|" + timestamp + "|" + body, "order-swapped",
                "the string-to-sign starts with the secret instead of X-TIMESTAMP"),
            (timestamp + "|" + partner.clientSecret + "|", "body-missing", "the body was left out (or another body was signed)"),
            ("POST:" + request.path + ":" + StringToSign.bodyHash(of: request.body) + ":" + timestamp, "snap-string-to-sign",
                "a SNAP asymmetric string-to-sign was signed, not SmilePayz's"),
        ]
        for (text, cause, summary) in alternatives where verifier.firstValid(readings, for: Array(text.utf8)) != nil {
            return [.init(cause: cause, summary: summary, detail: "The signature verifies over that text instead: " + summary + ".")]
        }
        if readings.isEmpty {
            return [.init(cause: "not-base64", summary: "X-SIGNATURE is not Base64", detail: "SmilePayz signatures are Base64.")]
        }
        return [.init(
            cause: "wrong-key-or-text", summary: "signed with another key, secret, timestamp or body",
            detail: "No variant verifies with \(partner.clientId)'s public key: check the private key, the merchant "
                + "secret and that the body signed is the body sent.")]
    }
}
