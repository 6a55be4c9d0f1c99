/// The checks a provider runs before a request reaches a service. STUB (security work).
public struct SecurityPipeline: Sendable {
    public init() {}

    /// Verifies a token request and issues a token; returns the response fields after responseCode/Message.
    public func issueAccessToken(_ exchange: Exchange, fixtures: LoadedFixtures, partners: inout PartnerStates)
        throws(SNAPError) -> JSONObject
    {
        throw .unauthorized("Not implemented")
    }

    /// Runs the transactional checks in SNAP order; returns the caller or the first failure.
    public func authenticate(_ exchange: Exchange, fixtures: LoadedFixtures, partners: inout PartnerStates)
        throws(SNAPError) -> AuthenticatedCaller
    {
        throw .unauthorized("Not implemented")
    }
}
