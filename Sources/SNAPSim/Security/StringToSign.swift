import SNAPCrypto

/// The text a SNAP signature covers (snap.md §3b, §3c).
///
/// - Symmetric transaction: `METHOD:target:accessToken:lowerhex(SHA256(minify(body))):X-TIMESTAMP`
/// - Asymmetric transaction: `METHOD:target:lowerhex(SHA256(minify(body))):X-TIMESTAMP`
/// - Access-token request: `clientKey|X-TIMESTAMP` (see ``accessTokenRequest(clientKey:timestamp:)``)
///
/// `target` is the relative URL as sent, query string included; the timestamp is the header's exact text.
/// Both the simulator (to verify) and the partner-side signer build their strings here.
public struct StringToSign: Sendable, Hashable, CustomStringConvertible {
    /// Upper-case HTTP method.
    public var method: String
    /// The request target: path and query string, e.g. `/v1.0/balance-inquiry?lang=id`.
    public var target: String
    /// The raw B2B access token (without `Bearer `) for symmetric signatures; `nil` for asymmetric ones.
    public var accessToken: String?
    /// Lower-case hex SHA-256 of the minified body.
    public var bodyHash: String
    /// `X-TIMESTAMP` exactly as sent.
    public var timestamp: String

    public init(method: String, target: String, accessToken: String?, bodyHash: String, timestamp: String) {
        self.method = method
        self.target = target
        self.accessToken = accessToken
        self.bodyHash = bodyHash
        self.timestamp = timestamp
    }

    /// The string for a request with `body`, hashing its minified form.
    public init(method: String, target: String, accessToken: String?, body: [UInt8], timestamp: String) {
        self.init(
            method: method.uppercased(), target: target, accessToken: accessToken,
            bodyHash: Self.bodyHash(of: body), timestamp: timestamp)
    }

    /// The colon-joined text that is signed.
    public var text: String {
        var text = ""
        text.reserveCapacity(
            method.utf8.count + target.utf8.count + (accessToken?.utf8.count ?? 0) + bodyHash.utf8.count
                + timestamp.utf8.count + 4)
        text += method
        text += ":"
        text += target
        if let accessToken {
            text += ":"
            text += accessToken
        }
        text += ":"
        text += bodyHash
        text += ":"
        text += timestamp
        return text
    }

    public var description: String { text }

    /// `lowerhex(SHA256(minify(body)))`; an empty body hashes the empty string (`e3b0c442…b855`).
    public static func bodyHash(of body: [UInt8]) -> String {
        hexSHA256(JSONMinifier.minify(body))
    }

    /// The string a B2B access-token request signs with RSA: `clientKey|X-TIMESTAMP`.
    public static func accessTokenRequest(clientKey: String, timestamp: String) -> String {
        clientKey + "|" + timestamp
    }

    static func hexSHA256(_ bytes: [UInt8]) -> String {
        Hex.encode(SHA256.hash(data: bytes))
    }
}
