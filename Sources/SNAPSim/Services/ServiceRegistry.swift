/// The services the simulator answers, by name. STUB (engine work).
public struct ServiceRegistry: Sendable {
    public init() {}

    /// Applies rules, then the service's own behaviour, to an authenticated request.
    public func handle(_ exchange: Exchange, caller: AuthenticatedCaller, fixtures: LoadedFixtures, state: inout PartnerState)
        throws(SNAPError) -> Outcome
    {
        throw .generalError
    }
}
