/// The services the simulator answers, by name. STUB (engine work).
public struct ServiceRegistry: Sendable {
    public init() {}

    /// Applies rules, then the service's own behaviour, to an authenticated request.
    /// The stub answers success with no fields, so the security pipeline can be tested end to end.
    public func handle(_ exchange: Exchange, caller: AuthenticatedCaller, fixtures: LoadedFixtures, state: inout PartnerState)
        throws(SNAPError) -> Outcome
    {
        .snap(key: CaseKey(httpStatus: 200, caseCode: "00"), fields: [:])
    }
}
