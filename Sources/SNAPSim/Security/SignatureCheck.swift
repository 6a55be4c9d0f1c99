import SNAPCrypto
import SimHTTP
import SimJSON

/// Verifies `X-SIGNATURE` on transactions and token requests and, when it fails, explains why.
///
/// The success path costs one HMAC (or one RSA verification) per reading of the header; every alternative is
/// tried only after a failure.
struct SignatureCheck {
    typealias Finding = RejectionExplanation.Finding

    let partner: Partner
    let conventions: SecurityConventions
    let keys: PublicKeys
    /// Every partner in the fixtures, to recognise a signature made with another partner's secret.
    let partners: [String: Partner]

    // MARK: - Transactions

    /// Verifies a transaction's signature in the partner's signing mode.
    ///
    /// - Parameters:
    ///   - token: the access token from `Authorization` (signed by symmetric partners only).
    ///   - timestamp: `X-TIMESTAMP`'s text, as signed, and its parsed value.
    func verifyTransaction(
        _ request: HTTPRequest, token: String?, timestamp: String, parsedTimestamp: ISO8601Timestamp, signature: String
    ) throws(SNAPError) -> SecurityVerdict {
        let symmetric = partner.signing == .symmetric
        let accessToken = symmetric ? token : nil
        let variants = conventions.signingVariants
        let verifier = try verifier(for: partner.signing) {
            variants.stringsToSign(request, accessToken: accessToken, timestamp: timestamp)[0].text
        }
        let received = ReceivedSignature(signature)
        // The preferred string to sign, built as the bytes that are signed: what almost every request verifies
        // against. The provider's variants are computed only when it fails.
        let (preferred, hashed) = variants.preferredMessageAndHashedBody(
            request, accessToken: accessToken, timestamp: timestamp)
        if let encoding = accepted(received, verifier: verifier, message: preferred) {
            return SecurityVerdict(
                signingMode: partner.signing, stringToSign: String(decoding: preferred, as: UTF8.self),
                signatureEncoding: encoding, accessToken: token)
        }
        let expected: StringToSign
        if variants.hasOneStringToSign {
            // SNAP's standard: the preferred string was the only one; its parts are read back, not rebuilt.
            expected = StringToSign(
                preferred: preferred, method: request.method.rawValue.asciiUppercased, target: request.target,
                accessToken: accessToken, timestamp: timestamp)
        } else {
            // The provider's variants (signed path without a context prefix, raw body hash).
            let candidates = variants.stringsToSign(request, accessToken: accessToken, timestamp: timestamp)
            expected = candidates[0]
            for candidate in candidates.dropFirst() {
                if let encoding = accepted(received, verifier: verifier, message: Array(candidate.text.utf8)) {
                    return SecurityVerdict(
                        signingMode: partner.signing, stringToSign: candidate.text, signatureEncoding: encoding,
                        accessToken: token)
                }
            }
        }

        // SNAP's standard signs the preferred message: its text is those bytes, not the parts joined again.
        let text = variants.hasOneStringToSign ? String(decoding: preferred, as: UTF8.self) : expected.text
        let minified = variants.bodyHashInputs.first == .raw ? JSONMinifier.minify(request.body) : hashed
        // The facts in their order, distinct by construction: one array, not a look-up and a regrowth per fact.
        var facts: [(key: String, value: JSONValue)] = []
        facts.reserveCapacity(9)
        facts.append(("bodyHash", .string(expected.bodyHash)))
        facts.append(("bodyHashInput", .string(Self.describeHashInput(request.body, minified: minified))))
        if !minified.isEmpty {
            facts.append(("minifiedBody", .string(String(decoding: minified, as: UTF8.self).clipped(to: 1000))))
        }
        facts.append(("timestampUsed", .string(timestamp.clipped())))
        facts.append(("signatureEncoding", .string(received.encodingDescription)))
        var explanation = explanation(received, verifier: verifier, stringToSign: text, then: facts)
        explanation.expected = Self.expectedSignature(symmetric: symmetric, clientId: partner.clientId)
        let diagnosed = diagnoseTransaction(
            request, expected: expected, text: text, token: token, parsedTimestamp: parsedTimestamp,
            minified: minified, received: received, verifier: verifier)
        explanation.record(diagnosed)
        explanation.summary = "Signature does not match: " + (explanation.diagnosis.first?.summary ?? "unknown cause")
        throw SNAPError.unauthorized("Signature").explained(explanation)
    }

    // MARK: - Access-token requests

    /// Verifies a token request's RSA signature over `clientKey|X-TIMESTAMP`.
    func verifyAccessTokenRequest(clientKey: String, timestamp: String, parsedTimestamp: ISO8601Timestamp, signature: String)
        throws(SNAPError)
    {
        let expected = StringToSign.accessTokenRequest(clientKey: clientKey, timestamp: timestamp)
        let verifier = try verifier(for: .asymmetric) { expected }
        let received = ReceivedSignature(signature)
        if accepted(received, verifier: verifier, message: Array(expected.utf8)) != nil { return }

        var explanation = explanation(received, verifier: verifier, stringToSign: expected)
        explanation.fact("timestampUsed", .string(timestamp.clipped()))
        explanation.fact("signatureEncoding", .string(received.encodingDescription))
        explanation.expected = "X-SIGNATURE = Base64 of SHA256withRSA(private key of \(partner.clientId), "
            + "X-CLIENT-KEY + \"|\" + X-TIMESTAMP), verified with the public key in the fixtures"
        explanation.record(diagnoseAccessTokenRequest(
            clientKey: clientKey, timestamp: timestamp, parsedTimestamp: parsedTimestamp, received: received,
            verifier: verifier))
        explanation.summary = "Signature does not match: " + (explanation.diagnosis.first?.summary ?? "unknown cause")
        throw SNAPError.unauthorized("Signature").explained(explanation)
    }

    // MARK: - Shared

    /// The verifier of the partner's credential; `stringToSign` is computed only to explain an unusable key.
    private func verifier(for mode: SigningMode, stringToSign: () -> String) throws(SNAPError) -> SignatureVerifier {
        switch mode {
        case .symmetric:
            return SignatureVerifier(credential: keys.secret(partner.clientSecret))
        case .asymmetric:
            switch keys.key(of: partner) {
            case .success(let key):
                return SignatureVerifier(credential: .publicKey(key))
            case .failure(let error):
                var explanation = RejectionExplanation(
                    .signature, summary: "The public key of \(partner.clientId) in the fixtures cannot be used",
                    expected: "an RSA public key (PEM SubjectPublicKeyInfo, PKCS#1, or bare Base64) in the partner's fixture")
                explanation.fact("stringToSign", .string(stringToSign().clipped(to: 4096)))
                explanation.fact("keyError", .string(error.description))
                explanation.hint = "Fix publicKey of \(partner.clientId) in the fixtures (partners.json)."
                throw SNAPError.unauthorized("Signature").explained(explanation)
            }
        }
    }

    /// The encoding under which the signature verifies, among those the conventions accept (Base64 first).
    private func accepted(_ received: ReceivedSignature, verifier: SignatureVerifier, message: [UInt8])
        -> SignatureEncoding?
    {
        let encodings = conventions.signatureEncodings
        // With both encodings accepted (every profile but one) the set is not hashed into twice per request.
        let both = encodings.count == SignatureEncoding.allCases.count
        return verifier.firstValid(
            base64: both || encodings.contains(.base64) ? received.base64 : nil,
            hex: both || encodings.contains(.hex) ? received.hex : nil, for: message)
    }

    /// - Parameter then: facts written after the three every signature explanation starts with (distinct names,
    ///   none of those three).
    private func explanation(
        _ received: ReceivedSignature, verifier: SignatureVerifier, stringToSign: String,
        then: [(key: String, value: JSONValue)] = []
    ) -> RejectionExplanation {
        var explanation = RejectionExplanation(.signature, summary: "Signature does not match", received: received.text)
        var facts: [(key: String, value: JSONValue)] = [
            ("signingMode", .string(verifier.isExpensive ? SigningMode.asymmetric.rawValue : SigningMode.symmetric.rawValue)),
            ("algorithm", .string(verifier.algorithm)),
            ("stringToSign", .string(stringToSign.clipped(to: 4096))),
        ]
        if !then.isEmpty {
            facts.reserveCapacity(facts.count + then.count + 1)  // and `receivedStringToSign`, when found
            facts.append(contentsOf: then)
        }
        explanation.facts = JSONObject(uniqueMembers: facts)
        explanation.hint = Self.signatureHint
        return explanation
    }

    /// The hint of every signature explanation.
    static let signatureHint = "Compare your string-to-sign with stringToSign byte for byte; `snapsim sign` prints a "
        + "correctly signed request for this partner."

    /// The texts signature explanations copy unchanged from constants, longest first: ``Redaction`` scans them
    /// once per world instead of in every wrong signature's explanation.
    static let fixedExplanationTexts = [noMatchAsymmetric, noMatchSymmetric, signatureHint]

    /// `expected` of a transaction's signature explanation: written into one buffer sized for it (an
    /// interpolation and a concatenation allocated three times on every wrong signature).
    static func expectedSignature(symmetric: Bool, clientId: String) -> String {
        let (head, tail) = symmetric
            ? ("X-SIGNATURE = Base64 (or hex) of HMAC-SHA512(client secret of ",
                ", stringToSign), stringToSign = METHOD:path?query:accessToken:lowerhex(SHA256(minify(body))):X-TIMESTAMP")
            : ("X-SIGNATURE = Base64 (or hex) of SHA256withRSA(private key of ",
                ", stringToSign), stringToSign = METHOD:path?query:lowerhex(SHA256(minify(body))):X-TIMESTAMP")
        var text = ""
        text.reserveCapacity(head.utf8.count + clientId.utf8.count + tail.utf8.count)
        text += head
        text += clientId
        text += tail
        return text
    }

    static func describeHashInput(_ body: [UInt8], minified: [UInt8]) -> String {
        if body.isEmpty { return "empty body (SHA-256 of the empty string)" }
        // Whitespace first: a body without any (the usual one) is not parsed again.
        // Concatenated rather than interpolated (the same text, a third of the work: every wrong signature).
        if minified.count == body.count && JSONMinifier.hasWhitespaceOutsideStrings(body) && !JSONMinifier.isJSON(body) {
            return "raw body, " + String(body.count) + " bytes (not valid JSON, so not minified)"
        }
        var text = "minified body, " + String(minified.count) + " bytes"
        if minified.count != body.count { text += " (" + String(body.count) + " as sent)" }
        return text
    }
}

extension RejectionExplanation {
    /// The diagnosis of a signature, and the string the signature was made over when the diagnosis found it
    /// (`receivedStringToSign`, which the inspector sets beside `stringToSign` to mark where they differ).
    mutating func record(_ match: SignatureDiagnosis.Match) {
        diagnosis = match.findings
        if let signed = match.signedString { fact("receivedStringToSign", .string(signed.clipped(to: 4096))) }
    }
}
