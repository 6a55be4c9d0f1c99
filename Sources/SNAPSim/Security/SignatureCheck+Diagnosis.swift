import SNAPCrypto
import SimHTTP

/// What a failed signature is diagnosed with: the alternatives tried for each kind of request, the other
/// signing mode, other partners' secrets, and the encoding of the header itself.
extension SignatureCheck {
    /// Other partners of the same profile whose secret a failed signature is tried with, at most.
    static let otherPartnersTried = 8

    /// - Parameter text: `expected.text`, written once by the caller.
    func diagnoseTransaction(
        _ request: HTTPRequest, expected: StringToSign, text: String, token: String?,
        parsedTimestamp: ISO8601Timestamp, minified: [UInt8], received: ReceivedSignature, verifier: SignatureVerifier
    ) -> SignatureDiagnosis.Match {
        let diagnosis = SignatureDiagnosis(verifier: verifier, signature: received)
        if let finding = encodingFinding(diagnosis, message: text) { return Self.match(finding, text) }
        // A signature of the wrong length (65 bytes for HMAC-SHA512) matches no alternative: none is made.
        if diagnosis.couldMatch, let found = searchTransaction(
            request, expected: expected, token: token, parsedTimestamp: parsedTimestamp, minified: minified,
            diagnosis: diagnosis)
        {
            return found
        }
        let readings = diagnosis.readings
        if let finding = otherModeFinding(readings, expected: expected, token: token) {
            return Self.match(finding, nil)
        }
        if let finding = otherPartnerFinding(readings, message: text) { return Self.match(finding, text) }
        return Self.match(noMatch(diagnosis), nil)
    }

    /// The usual mistakes in each component of a transaction's string to sign, one or two at a time.
    private func searchTransaction(
        _ request: HTTPRequest, expected: StringToSign, token: String?, parsedTimestamp: ISO8601Timestamp,
        minified: [UInt8], diagnosis: SignatureDiagnosis
    ) -> SignatureDiagnosis.Match? {
        var tokenPart = SignatureAlternatives.Component(expected: expected.accessToken.map { ":" + $0 } ?? "", alternatives: [])
        if let signedToken = expected.accessToken {
            // The token left out is no longer tried (an HMAC on every rejection); `Bearer ` in it is.
            tokenPart.alternatives = SignatureAlternatives.tokens(signedToken).map { .init(value: ":" + $0.value, finding: $0.finding) }
        } else if let token {
            tokenPart.alternatives = [.init(
                value: ":" + token,
                finding: Finding(
                    cause: "token-included", summary: "the access token was included in an asymmetric signature",
                    detail: "Your signature matches a string containing the access token; \(partner.clientId) signs "
                        + "asymmetrically, whose string has no token: METHOD:path:bodyHash:timestamp."))]
        }
        let components: [SignatureAlternatives.Component] = [
            // The method in lower case is no longer tried (an HMAC on every rejection for a rare mistake).
            .init(expected: expected.method, alternatives: []),
            .init(expected: expected.target, alternatives: SignatureAlternatives.targets(expected.target)),
            tokenPart,
            .init(
                expected: expected.bodyHash,
                alternatives: SignatureAlternatives.bodyHashes(
                    body: request.body, minified: minified, expectedHash: expected.bodyHash)),
            .init(
                expected: expected.timestamp,
                alternatives: SignatureAlternatives.timestamps(expected.timestamp, parsed: parsedTimestamp)),
        ]
        // The walk varies the last components first: the body hash, then the timestamp (the usual culprits).
        return diagnosis.search(components, order: [0, 1, 2, 4, 3], separators: Self.transactionSeparators)
    }

    /// What is written between the parts of `METHOD:target[:token]:bodyHash:timestamp` (the token part carries
    /// its own colon).
    static let transactionSeparators = [":", "", ":", ":"]

    /// A finding with the string the signature was made over, when that is known.
    private static func match(_ finding: Finding, _ signed: String?) -> SignatureDiagnosis.Match {
        SignatureDiagnosis.Match(findings: [finding], signedString: signed)
    }

    func diagnoseAccessTokenRequest(
        clientKey: String, timestamp: String, parsedTimestamp: ISO8601Timestamp, received: ReceivedSignature,
        verifier: SignatureVerifier
    ) -> SignatureDiagnosis.Match {
        let expected = StringToSign.accessTokenRequest(clientKey: clientKey, timestamp: timestamp)
        let diagnosis = SignatureDiagnosis(verifier: verifier, signature: received)
        if let finding = encodingFinding(diagnosis, message: expected) { return Self.match(finding, expected) }
        let components: [SignatureAlternatives.Component] = [
            .init(expected: clientKey, alternatives: []),
            .init(
                expected: "|",
                alternatives: [.init(
                    value: ":",
                    finding: Finding(
                        cause: "token-request-separator", summary: "client key and timestamp were joined with `:`",
                        detail: "Your signature matches clientKey:timestamp; the token request signs clientKey|timestamp."))]),
            .init(expected: timestamp, alternatives: SignatureAlternatives.timestamps(timestamp, parsed: parsedTimestamp)),
        ]
        if diagnosis.couldMatch, let found = diagnosis.search(components, separators: ["", ""]) { return found }
        let hmac = SignatureVerifier(credential: keys.secret(partner.clientSecret))
        if hmac.firstValid(diagnosis.readings, for: Array(expected.utf8)) != nil {
            return Self.match(Finding(
                cause: "token-request-signed-with-hmac", summary: "the token request was signed with HMAC",
                detail: "Your signature is HMAC-SHA512 with the client secret; the B2B token request is signed with "
                    + "the partner's RSA private key (SHA256withRSA)."), expected)
        }
        return Self.match(noMatch(diagnosis), nil)
    }

    /// A signature that is right but written in an encoding this profile refuses, or not decodable at all.
    fileprivate func encodingFinding(_ diagnosis: SignatureDiagnosis, message: String) -> Finding? {
        let verifier = diagnosis.verifier
        let refused = diagnosis.decodings.filter { !conventions.signatureEncodings.contains($0.encoding) }
        // Nothing refused (every profile accepting both encodings): no copy of the message to try nothing with.
        if !refused.isEmpty, let match = verifier.firstValid(refused.map(\.bytes), for: Array(message.utf8)) {
            let accepted = SignatureEncoding.allCases.filter(conventions.signatureEncodings.contains).map(\.rawValue)
            return Finding(
                cause: "signature-encoding-not-accepted",
                summary: "the signature is right but \(refused[match].encoding.rawValue)-encoded",
                detail: "X-SIGNATURE verifies as \(refused[match].encoding.rawValue), but this provider accepts only "
                    + accepted.joined(separator: " or ") + ".")
        }
        if diagnosis.decodings.isEmpty && diagnosis.misencodings.isEmpty {
            return Finding(
                cause: "signature-undecodable", summary: "X-SIGNATURE is neither Base64 nor hex",
                detail: "X-SIGNATURE could not be decoded as Base64 or as hex, so it cannot be any signature.")
        }
        return nil
    }

    /// The signature made in the other signing mode, or with HMAC-SHA256.
    fileprivate func otherModeFinding(_ readings: [[UInt8]], expected: StringToSign, token: String?) -> Finding? {
        var asymmetric = expected
        asymmetric.accessToken = nil
        switch partner.signing {
        case .symmetric:
            // An HMAC-SHA256 is 32 bytes and an RSA signature as long as the modulus: a reading of another length
            // cannot be one, so it is not computed.
            if readings.contains(where: { $0.count == SHA256.byteCount }),
                case let sha256 = HMAC<SHA256>.authenticationCode(
                    for: Array(expected.text.utf8), using: Array(partner.clientSecret.utf8)),
                readings.contains(where: { ConstantTime.equals($0, sha256) })
            {
                return Finding(
                    cause: "hmac-sha256", summary: "it was signed with HMAC-SHA256",
                    detail: "Your signature is HMAC-SHA256 of the right string; SNAP's symmetric signature is HMAC-SHA512.")
            }
            if case .success(let key) = keys.key(of: partner),
                readings.contains(where: { $0.count == key.modulusByteCount }),
                readings.contains(where: { key.isValidSignature($0, for: Array(asymmetric.text.utf8)) })
            {
                return Finding(
                    cause: "signed-asymmetrically", summary: "it was signed with RSA, but the partner signs symmetrically",
                    detail: "Your signature is a valid SHA256withRSA signature over METHOD:path:bodyHash:timestamp, but "
                        + "\(partner.clientId) is configured for symmetric signing: HMAC-SHA512 with the client secret "
                        + "over METHOD:path:accessToken:bodyHash:timestamp.")
            }
        case .asymmetric:
            let hmac = SignatureVerifier(credential: keys.secret(partner.clientSecret))
            var symmetric = expected
            symmetric.accessToken = token
            for text in Set([symmetric.text, asymmetric.text]) where hmac.firstValid(readings, for: Array(text.utf8)) != nil {
                return Finding(
                    cause: "signed-symmetrically", summary: "it was signed with HMAC, but the partner signs asymmetrically",
                    detail: "Your signature is HMAC-SHA512 with the client secret, but \(partner.clientId) is configured "
                        + "for asymmetric signing: SHA256withRSA with its private key over METHOD:path:bodyHash:timestamp.")
            }
        }
        return nil
    }

    /// The right string signed with the client secret of another partner of the same provider profile (HMAC
    /// only): the usual mix-up between two configurations of one provider integration.
    fileprivate func otherPartnerFinding(_ readings: [[UInt8]], message: String) -> Finding? {
        guard partner.signing == .symmetric else { return nil }
        guard readings.contains(where: { $0.count == SHA512.byteCount }) else { return nil }
        // Chosen once per world, with their keyed states.
        guard let others = keys.otherPartners(of: partner), !others.keyed.isEmpty else { return nil }
        // Every other partner's MAC of the message at once.
        var message = message
        let codes = message.withUTF8 { message in
            HMAC<SHA512>.authenticationCodes(of: UnsafeRawBufferPointer(message), keys: others.keyed)
        }
        for (index, clientId) in others.clientIds.enumerated()
        where readings.contains(where: { ConstantTime.equals($0[...], codes[(index * 64)..<(index * 64 + 64)]) }) {
            return Finding(
                cause: "secret-of-other-partner", summary: "it was signed with the client secret of \(clientId)",
                detail: "Your signature matches the right string signed with the client secret of partner "
                    + "\(clientId), but X-PARTNER-ID is \(partner.clientId).")
        }
        return nil
    }

    /// The detail of ``noMatch(_:)``, written once rather than concatenated per rejection.
    static let noMatchSymmetric = "No common mistake reproduces your signature: the key differs (client secret), "
        + "or your string-to-sign differs from stringToSign in another way. Compare them byte for byte."
    static let noMatchAsymmetric = "No common mistake reproduces your signature: the key differs (the private "
        + "key does not match the public key in the fixtures), or your string-to-sign differs from stringToSign in "
        + "another way. Compare them byte for byte."

    fileprivate func noMatch(_ diagnosis: SignatureDiagnosis) -> Finding {
        let verifier = diagnosis.verifier
        let decodings = diagnosis.decodings
        var detail = verifier.isExpensive ? Self.noMatchAsymmetric : Self.noMatchSymmetric
        if !verifier.isExpensive, !decodings.isEmpty, !decodings.contains(where: { $0.bytes.count == 64 }) {
            let lengths = decodings.map { "\($0.bytes.count) bytes as \($0.encoding.rawValue)" }
            detail += " Note: X-SIGNATURE decodes to " + lengths.joined(separator: ", ")
                + "; an HMAC-SHA512 is 64 bytes (88 Base64 characters or 128 hex digits)."
        }
        return Finding(
            cause: "no-variant-matched", summary: "wrong key or a different string-to-sign", detail: detail)
    }
}
