import SNAPCrypto

/// What `notifications.json` says: the simulator's key pairs, how each profile notifies (paths, signing, retry
/// schedule, success test) and where each partner receives. Immutable, part of the fixture world.
public struct NotificationSettings: Sendable {
    /// Key pairs the simulator signs with, by name; published at `GET /_sim/keys`.
    public var keys: [String: NotificationKey]
    /// How each profile notifies, by profile name.
    public var profiles: [String: NotificationProfile]
    /// Where each partner receives, by client id.
    public var endpoints: [String: NotificationEndpoints]

    public init(
        keys: [String: NotificationKey] = [:], profiles: [String: NotificationProfile] = [:],
        endpoints: [String: NotificationEndpoints] = [:]
    ) {
        self.keys = keys
        self.profiles = profiles
        self.endpoints = endpoints
    }
}

/// One of the simulator's key pairs.
public struct NotificationKey: Sendable {
    public var name: String
    public var privateKey: RSA.PrivateKey
    /// The public key as PEM, exactly as published.
    public var publicKeyPEM: String
}

/// How a profile's provider notifies its partners.
public struct NotificationProfile: Sendable {
    /// How a notification is signed.
    public enum Signing: Sendable, Equatable {
        /// SNAP asymmetric: `X-SIGNATURE = SHA256withRSA(key, POST:path:hex(sha256(minify(body))):X-TIMESTAMP)`.
        case asymmetric(key: String)
        /// SNAP symmetric: the simulator first obtains a B2B token from the partner's token endpoint (signing
        /// `clientId|X-TIMESTAMP` with `key`), then signs HMAC-SHA512 with the partner's client secret.
        case symmetric(key: String, tokenPath: String)
        /// SHA256withRSA over a template such as `{clientId}|{timestamp}` (NICEPAY payout) or
        /// `{body.tradeNo}|{timestamp}` (SmilePayz callbacks).
        case template(key: String, stringToSign: String)

        public var keyName: String {
            switch self {
            case .asymmetric(let key), .symmetric(let key, _), .template(let key, _): key
            }
        }
    }

    /// One kind of notification: where it goes under the partner's base URL and which members it carries.
    public struct Kind: Sendable {
        public var path: String
        /// The two-digit service code of the notify service (for response codes such as `2002500`).
        public var serviceCode: String
        /// The members of the body, in order; `nil` keeps the kind's whole ASPI body.
        public var fields: [String]?
    }

    public var profile: String
    public var signing: Signing
    /// Seconds after each failed attempt before the next; its length is the number of retries.
    public var retrySeconds: [Int]
    /// When set, a 2xx answer succeeds only if its plain-text body is exactly this (SmilePayz: `SUCCESS`);
    /// otherwise a 2xx succeeds when it carries no `responseCode` or one starting with `200`.
    public var successText: String?
    /// The value of `X-PARTNER-ID`/`X-CLIENT-KEY` sent: the partner's client id unless the profile names one.
    public var senderId: String?
    public var kinds: [String: Kind]
}

/// Where one partner receives notifications: a URL per kind, else `default`.
public struct NotificationEndpoints: Codable, Sendable, Hashable {
    public var defaultURL: String?
    public var byKind: [String: String]

    public init(defaultURL: String? = nil, byKind: [String: String] = [:]) {
        self.defaultURL = defaultURL
        self.byKind = byKind
    }

    /// The URL a notification of `kind` goes to, if the partner receives it.
    public func url(for kind: String) -> String? {
        byKind[kind] ?? defaultURL
    }
}
