/// What a provider profile changes about one route: how requests are checked and how answers are written.
///
/// Built from the profile's defaults and the route's own settings (see `fixtures/README.md#profiles`), so a new
/// provider dialect is a fixture, not code. The default value is the ASPI standard: nothing changed.
public struct RouteDialect: Sendable, Hashable {
    /// Signature encodings, timestamp zones and the `expiresIn` type.
    public var conventions: SecurityConventions = .standard
    /// The signing mode the provider uses; `nil` leaves it to each partner's `signing`.
    public var signing: SigningMode?
    /// `X-EXTERNAL-ID` format replacing `simulator.json`'s, when the provider has its own.
    public var externalID: ExternalIDFormat?
    /// What `CHANNEL-ID` must be, besides the partner's own `channelId`.
    public var channelID: ChannelIDRule = .any
    /// Headers required on top of SNAP's transaction headers (e.g. DANA's `X-DEVICE-ID` on balance inquiry).
    public var requiredHeaders: [String] = []
    /// Whether the route needs a B2B2C customer token in `Authorization-Customer`.
    public var requiresCustomerToken = false
    /// How `Authorization-Customer` is written by this provider's partners.
    public var customerTokenScheme: CustomerTokenScheme = .bearer
    /// The international prefix partners write customer numbers with (`62` for DANA's `628…`); the ledger's
    /// numbers are `08…`, so `628…` is read as `08…` and answered as `628…`.
    public var customerNumberPrefix: String?
    /// Body members that must be present and non-empty, dotted for nested ones (`additionalInfo.fundType`).
    public var requiredFields: [String] = []
    /// Response codes written differently: answered key → printed key (BCA swaps 400xx01 and 400xx02).
    /// The message stays that of the answered key, so `4001101` reads "Invalid Mandatory Field …".
    public var responseCodes: [CaseKey: CaseKey] = [:]
    /// Messages the provider words differently from the catalogue: key → template (NICEPAY's "Access Token Invalid").
    public var responseMessages: [CaseKey: MessageTemplate] = [:]
    /// Body members kept after `responseCode` and `responseMessage`; `nil` keeps all. For SDKs that refuse
    /// members they do not know (DOKU's balance inquiry model).
    public var responseFields: [String]?
    /// What a retried top-up (same partnerReferenceNo and payload) is answered.
    public var topUpRetry: TopUpRetry = .replay
    /// How requests are signed: SNAP's string-to-sign, or SmilePayz's `timestamp|secret|minify(body)`.
    public var requestSigning: RequestSigning = .snap
    /// How answers are enveloped: SNAP's `responseCode`/`responseMessage`, or SmilePayz's `code`/`message`.
    public var envelope: ResponseEnvelope = .snap
    /// Body members read under another name: alias → the service's name (NICEPAY's `/transfer/balance-inquiry`
    /// sends `merchantId` for `accountNo`). Applied only when the service's name is absent.
    public var fieldAliases: [String: String] = [:]

    /// The ASPI standard: nothing differs.
    public init() {}

    /// The printed key for `key`.
    public func printedKey(_ key: CaseKey) -> CaseKey {
        responseCodes[key] ?? key
    }
}

/// An `X-EXTERNAL-ID` format.
public struct ExternalIDFormat: Sendable, Hashable {
    /// Digits only (ASPI; NICEPAY, BCA).
    public var numericOnly: Bool
    /// Longest accepted.
    public var maxLength: Int

    /// A format.
    public init(numericOnly: Bool, maxLength: Int) {
        self.numericOnly = numericOnly
        self.maxLength = maxLength
    }
}

/// What a provider requires of `CHANNEL-ID`.
public enum ChannelIDRule: Sendable, Hashable {
    /// Any non-empty value (the partner's `channelId` may still fix it).
    case any
    /// Exactly this value (DANA: `95221`).
    case equals(String)
    /// One of these values (DOKU: `SDK`, `DH`).
    case oneOf([String])
    /// The client id followed by this suffix (NICEPAY: `IONPAYTEST` + `01`).
    case clientIDSuffix(String)

    /// The value expected from `clientId`, for explanations.
    func expectation(clientId: String) -> String {
        switch self {
        case .any: "any non-empty value"
        case .equals(let value): value
        case .oneOf(let values): "one of " + values.joined(separator: ", ")
        case .clientIDSuffix(let suffix): clientId + suffix + " (client id + \"\(suffix)\")"
        }
    }

    /// Whether `channel` satisfies the rule for `clientId`.
    func accepts(_ channel: String, clientId: String) -> Bool {
        switch self {
        case .any: true
        case .equals(let value): channel == value
        case .oneOf(let values): values.contains(channel)
        case .clientIDSuffix(let suffix): channel == clientId + suffix
        }
    }
}

/// How `Authorization-Customer` carries the customer token.
public enum CustomerTokenScheme: String, Sendable, Hashable, CaseIterable {
    /// `Bearer <token>` (ASPI, DANA).
    case bearer
    /// The token alone (DOKU).
    case raw
}

/// How a retried top-up is answered.
public enum TopUpRetry: String, Sendable, Hashable, CaseIterable {
    /// The original answer again, success or refusal, with no second credit (DANA).
    case replay
    /// `409xx01 Duplicate partnerReferenceNo` when the original succeeded (ASPI's table); a refused one is
    /// answered as before.
    case duplicate
}
