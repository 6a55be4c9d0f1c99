import SNAPCrypto
import SNAPSim
import SimHTTP

/// Acts as a SNAP partner: builds the signed headers of B2B token requests and of transactions, exactly as
/// snap.md §3 says a partner must, so `snapsim sign`, the scenario runner and tests all sign one way.
///
/// ```swift
/// let signer = try PartnerSigner(partner: demo)
/// let tokenHeaders = try signer.tokenRequestHeaders(timestamp: "2026-11-21T18:19:47+07:00")
/// let headers = try signer.transactionHeaders(
///     method: .post, target: "/v1.0/balance-inquiry", body: body, token: token,
///     timestamp: "2026-11-21T18:19:48+07:00", externalID: "41000000001")
/// ```
public struct PartnerSigner: Sendable {
    /// The body of a B2B token request.
    public static let tokenRequestBody = #"{"grantType":"client_credentials"}"#
    /// ASPI's B2B token path.
    public static let standardTokenPath = "/v1.0/access-token/b2b"

    public let partner: Partner
    /// The partner's RSA private key: token requests, and transactions of asymmetric partners, need it.
    public let privateKey: RSA.PrivateKey?
    /// How `X-SIGNATURE` is written; Base64 is the standard, some providers' SDKs send hex.
    public var signatureEncoding: SignatureEncoding = .base64
    /// How the partner's profile signs (`smilepayz`: ``SmilePayzSigning``, headers without token, external ID or channel).
    public var requestSigning: RequestSigning = .snap
    /// How the provider's string to sign differs (NICEPAY signs the path without `/nicepay`); standard by default.
    public var signingVariants = SigningVariants.standard

    /// - Parameters:
    ///   - partner: the partner to act as (its client secret signs symmetric transactions).
    ///   - privateKey: its RSA key; when `nil`, the key in `partner.privateKey` (sandbox demo partners) is used.
    /// - Throws: ``PartnerSignerError`` when `partner.privateKey` is present but unusable.
    public init(partner: Partner, privateKey: RSA.PrivateKey? = nil) throws(PartnerSignerError) {
        self.partner = partner
        if let privateKey {
            self.privateKey = privateKey
        } else if let pem = partner.privateKey {
            do {
                self.privateKey = try RSA.PrivateKey(pem: pem)
            } catch {
                throw PartnerSignerError(.unusablePrivateKey, "the private key of \(partner.clientId) cannot be used: \(error)")
            }
        } else {
            self.privateKey = nil
        }
    }

    // MARK: - Token request

    /// `X-TIMESTAMP`, `X-CLIENT-KEY` and `X-SIGNATURE` (RSA over `clientId|timestamp`), plus `Content-Type`.
    public func tokenRequestHeaders(timestamp: String) throws(PartnerSignerError) -> HTTPHeaders {
        let signature = try rsaSignature(StringToSign.accessTokenRequest(clientKey: partner.clientId, timestamp: timestamp))
        return [
            "Content-Type": "application/json",
            SecurityHeader.timestamp: timestamp,
            SecurityHeader.clientKey: partner.clientId,
            SecurityHeader.signature: signature,
        ]
    }

    /// The whole token request.
    public func tokenRequest(timestamp: String, path: String = standardTokenPath) throws(PartnerSignerError) -> HTTPRequest {
        HTTPRequest(
            method: .post, target: path, headers: try tokenRequestHeaders(timestamp: timestamp),
            body: Array(Self.tokenRequestBody.utf8))
    }

    // MARK: - Transactions

    /// The string this partner signs for a transaction: with the token when it signs symmetrically.
    public func stringToSign(method: HTTPMethod, target: String, body: [UInt8], token: String?, timestamp: String) -> StringToSign {
        StringToSign(
            method: method.rawValue, target: signingVariants.signedTarget(target), accessToken: partner.signing == .symmetric ? (token ?? "") : nil,
            body: body, timestamp: timestamp)
    }

    /// The headers of a transaction: `X-TIMESTAMP`, `X-SIGNATURE`, `X-PARTNER-ID`, `X-EXTERNAL-ID`, `CHANNEL-ID`,
    /// and `Authorization` when a token is given.
    ///
    /// - Parameters:
    ///   - target: path and query string, exactly as the request line will carry them.
    ///   - body: the bytes that will be sent (hashed minified, as the provider does).
    ///   - token: the B2B access token; required for symmetric partners.
    ///   - channelID: defaults to the partner's `channelId`, else `95221`.
    public func transactionHeaders(
        method: HTTPMethod, target: String, body: [UInt8], token: String?, timestamp: String, externalID: String,
        channelID: String? = nil
    ) throws(PartnerSignerError) -> HTTPHeaders {
        if requestSigning == .smilepayz { return try smilePayzHeaders(body: body, timestamp: timestamp) }
        let string = stringToSign(method: method, target: target, body: body, token: token, timestamp: timestamp)
        let signature: String
        switch partner.signing {
        case .symmetric:
            guard let token, !token.isEmpty else {
                throw PartnerSignerError(
                    .tokenRequired, "\(partner.clientId) signs symmetrically: its signature covers a B2B access token")
            }
            let key = Array(partner.clientSecret.utf8)
            signature = encode(HMAC<SHA512>.authenticationCode(for: Array(string.text.utf8), using: key))
        case .asymmetric:
            signature = try rsaSignature(string.text)
        }
        var headers: HTTPHeaders = [
            "Content-Type": "application/json",
            SecurityHeader.timestamp: timestamp,
            SecurityHeader.signature: signature,
            SecurityHeader.partnerID: partner.clientId,
            SecurityHeader.externalID: externalID,
            SecurityHeader.channelID: channelID ?? partner.channelId ?? "95221",
        ]
        if let token, !token.isEmpty { headers[SecurityHeader.authorization] = "Bearer " + token }
        return headers
    }

    /// The whole transaction request.
    public func transactionRequest(
        method: HTTPMethod, target: String, body: [UInt8], token: String?, timestamp: String, externalID: String,
        channelID: String? = nil
    ) throws(PartnerSignerError) -> HTTPRequest {
        let headers = try transactionHeaders(
            method: method, target: target, body: body, token: token, timestamp: timestamp, externalID: externalID,
            channelID: channelID)
        return HTTPRequest(method: method, target: target, headers: headers, body: body)
    }

    // MARK: - Helpers

    /// `time` as SNAP's usual `X-TIMESTAMP`: Jakarta time with `+07:00`.
    public static func timestamp(_ time: SimTime) -> String {
        ISO8601Timestamp.format(time, offsetMinutes: CivilDate.jakartaOffsetMinutes)
    }

    private func rsaSignature(_ text: String) throws(PartnerSignerError) -> String {
        guard let privateKey else {
            throw PartnerSignerError(
                .noPrivateKey, "no private key for \(partner.clientId): only sandbox demo partners carry one in the fixtures")
        }
        return encode(privateKey.signature(for: Array(text.utf8)))
    }

    private func encode(_ bytes: [UInt8]) -> String {
        switch signatureEncoding {
        case .base64: Base64.encode(bytes)
        case .hex: Hex.encode(bytes)
        }
    }
}

/// Why ``PartnerSigner`` cannot sign.
public struct PartnerSignerError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// RSA signing was needed and the partner has no private key.
        case noPrivateKey
        /// The partner's private key does not parse.
        case unusablePrivateKey
        /// A symmetric partner's transaction was signed without an access token.
        case tokenRequired
    }

    public let code: Code
    public let description: String

    init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }
}
