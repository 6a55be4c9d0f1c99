/// The `X-EXTERNAL-ID`s one partner used, per Jakarta day. STUB (security work).
public struct ExternalIDRegistry: Sendable {
    public init() {}
}
