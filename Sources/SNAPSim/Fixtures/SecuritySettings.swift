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
    }
}
