/// A partner (a merchant or aggregator calling the provider) as the fixtures declare it.
public struct Partner: Codable, Sendable, Hashable {
    /// The client id: sent as `X-PARTNER-ID` on transactions and `X-CLIENT-KEY` on token requests.
    public var clientId: String
    public var name: String
    /// Key of the symmetric HMAC-SHA512 transaction signature.
    public var clientSecret: String
    /// The partner's RSA public key (PEM, or a bare Base64 body), used to verify its asymmetric signatures.
    public var publicKey: String
    /// The matching private key. Only sandbox demo partners carry one, so `snapsim sign` and the scenario
    /// runner can act as the partner; a real partner's private key never belongs in fixtures.
    public var privateKey: String?
    /// The `CHANNEL-ID` this partner must send; `nil` accepts any non-empty value.
    public var channelId: String?
    public var signing: SigningMode
    /// Services this partner may call, by service name (`balance-inquiry`) or code (`11`); `nil` allows all.
    public var services: [String]?
    /// The provider dialect this partner speaks (see profiles); `snap` is the ASPI standard.
    public var profile: String?
    /// Free text shown in listings, e.g. "sandbox demo partner: never use these keys in production".
    public var note: String?

    public init(
        clientId: String, name: String, clientSecret: String, publicKey: String, privateKey: String? = nil,
        channelId: String? = nil, signing: SigningMode = .symmetric, services: [String]? = nil,
        profile: String? = nil, note: String? = nil
    ) {
        self.clientId = clientId
        self.name = name
        self.clientSecret = clientSecret
        self.publicKey = publicKey
        self.privateKey = privateKey
        self.channelId = channelId
        self.signing = signing
        self.services = services
        self.profile = profile
        self.note = note
    }
}

/// How a partner signs transactional requests (SNAP "Keamanan" types 1 and 2).
public enum SigningMode: String, Codable, Sendable, Hashable {
    /// HMAC-SHA512 with the client secret over `METHOD:path:token:bodyhash:timestamp`, with a B2B access token.
    case symmetric
    /// SHA256withRSA with the partner's private key over `METHOD:path:bodyhash:timestamp`, without a token.
    case asymmetric
}
