import SNAPCrypto
import SimJSON

/// A signed NICEPAY payout notification, ready to POST: URL, headers and body.
///
/// NICEPAY signs only `X-CLIENT-KEY|X-TIMESTAMP` (not the body) with SHA256withRSA under its own notification
/// key, separate from the transaction credentials (reference §2.4). A pure function of the notice and the key;
/// the HTTP delivery, retries and journal belong to the notifications machinery (issue 14).
public struct NotificationDraft: Sendable, Hashable {
    public var method = "POST"
    public var url: String
    /// In sending order: Content-Type, X-TIMESTAMP, X-CLIENT-KEY, X-SIGNATURE.
    public var headers: [(name: String, value: String)]
    /// Compact JSON.
    public var body: [UInt8]

    /// What a notification key problem is.
    public struct KeyProblem: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    /// Signs `notice` with the notification private key (PEM) of its merchant.
    public init(_ notice: PayoutNotice, privateKeyPEM: String) throws(KeyProblem) {
        let key: RSA.PrivateKey
        do {
            key = try RSA.PrivateKey(pem: privateKeyPEM)
        } catch {
            throw KeyProblem(description: "the notification private key of \(notice.clientKey) cannot be used: \(error)")
        }
        self.init(notice, privateKey: key)
    }

    /// Signs `notice` with an RSA key already parsed.
    public init(_ notice: PayoutNotice, privateKey: RSA.PrivateKey) {
        let timestamp = notice.timestamp
        let signed = Self.stringToSign(clientKey: notice.clientKey, timestamp: timestamp)
        url = notice.url
        headers = [
            ("Content-Type", "application/json"),
            ("X-TIMESTAMP", timestamp),
            ("X-CLIENT-KEY", notice.clientKey),
            ("X-SIGNATURE", Base64.encode(privateKey.signature(for: Array(signed.utf8), hash: .sha256))),
        ]
        body = JSONValue.object(notice.body).compactBytes
    }

    /// `clientKey|X-TIMESTAMP`, what the signature covers (as the access-token request's).
    public static func stringToSign(clientKey: String, timestamp: String) -> String {
        StringToSign.accessTokenRequest(clientKey: clientKey, timestamp: timestamp)
    }

    /// The header's value, `nil` when absent.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public static func == (lhs: NotificationDraft, rhs: NotificationDraft) -> Bool {
        lhs.url == rhs.url && lhs.body == rhs.body && lhs.headers.map(\.name) == rhs.headers.map(\.name)
            && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(url)
        hasher.combine(body)
        for header in headers {
            hasher.combine(header.name)
            hasher.combine(header.value)
        }
    }
}
