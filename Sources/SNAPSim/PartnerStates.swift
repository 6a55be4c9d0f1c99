/// The state of every partner that has called so far, created on first use from the fixtures.
public struct PartnerStates: Sendable {
    private var states: [String: PartnerState] = [:]
    private let ids: IDGenerator
    private let initialLedger: Ledger

    public init(ids: IDGenerator, initialLedger: Ledger) {
        self.ids = ids
        self.initialLedger = initialLedger
    }

    /// Runs `body` on the state of `clientId`, creating it from the fixtures if this partner is new.
    public mutating func with<R, E: Error>(_ clientId: String, _ body: (inout PartnerState) throws(E) -> R) throws(E) -> R {
        var state = states.removeValue(forKey: clientId)
            ?? PartnerState(ledger: initialLedger, ids: ids.forPartner(clientId))
        defer { states[clientId] = state }
        return try body(&state)
    }

    /// The state of `clientId` if it has one; never creates it.
    public func existing(_ clientId: String) -> PartnerState? {
        states[clientId]
    }

    /// Client ids with state, sorted so that listings and searches never depend on dictionary order.
    public var clientIds: [String] { states.keys.sorted() }

    /// Forgets one partner's state (it starts afresh from the fixtures on its next request), or everyone's.
    public mutating func reset(_ clientId: String? = nil) {
        if let clientId {
            states[clientId] = nil
        } else {
            states.removeAll()
        }
    }
}
