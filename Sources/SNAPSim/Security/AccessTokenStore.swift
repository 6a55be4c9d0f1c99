/// The B2B access tokens issued to one partner. STUB (security work).
public struct AccessTokenStore: Sendable {
    public init() {}
}
