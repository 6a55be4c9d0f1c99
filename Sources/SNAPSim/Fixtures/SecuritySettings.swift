/// The knobs of the security pipeline, from `simulator.json`.
public struct SecuritySettings: Codable, Sendable, Hashable {
    /// `expiresIn` of B2B access tokens, in seconds.
    public var tokenLifetimeSeconds: Int = 900
    /// How far `X-TIMESTAMP` may be from the simulator clock, either way, in seconds.
    public var timestampSkewSeconds: Int = 300
    /// Whether `X-EXTERNAL-ID` must be digits only, as ASPI says (several official SDKs send letters).
    public var externalIDNumericOnly: Bool = false
    /// Longest accepted `X-EXTERNAL-ID` (ASPI says 36; DOKU sends longer).
    public var externalIDMaxLength: Int = 64
    /// Lifetime of B2B2C customer access tokens (service 74), in seconds; ASPI's table says 15 days.
    public var customerTokenLifetimeSeconds: Int = 15 * 24 * 3600
    /// Lifetime of B2B2C refresh tokens, in seconds.
    public var refreshTokenLifetimeSeconds: Int = 30 * 24 * 3600

    public init() {}

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = SecuritySettings()
        tokenLifetimeSeconds = try container.decodeIfPresent(Int.self, forKey: .tokenLifetimeSeconds)
            ?? defaults.tokenLifetimeSeconds
        timestampSkewSeconds = try container.decodeIfPresent(Int.self, forKey: .timestampSkewSeconds)
            ?? defaults.timestampSkewSeconds
        externalIDNumericOnly = try container.decodeIfPresent(Bool.self, forKey: .externalIDNumericOnly)
            ?? defaults.externalIDNumericOnly
        externalIDMaxLength = try container.decodeIfPresent(Int.self, forKey: .externalIDMaxLength)
            ?? defaults.externalIDMaxLength
        customerTokenLifetimeSeconds = try container.decodeIfPresent(Int.self, forKey: .customerTokenLifetimeSeconds)
            ?? defaults.customerTokenLifetimeSeconds
        refreshTokenLifetimeSeconds = try container.decodeIfPresent(Int.self, forKey: .refreshTokenLifetimeSeconds)
            ?? defaults.refreshTokenLifetimeSeconds
    }
}
