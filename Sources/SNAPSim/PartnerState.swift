/// Everything mutable that belongs to one partner. Partners never see each other's state:
/// each starts from its own copy of the fixtures' ledger and draws identifiers from its own stream.
public struct PartnerState: Sendable {
    public var ledger: Ledger
    public var tokens: AccessTokenStore
    public var externalIDs: ExternalIDRegistry
    public var ids: IDGenerator

    public init(ledger: Ledger, ids: IDGenerator) {
        self.ledger = ledger
        self.tokens = AccessTokenStore()
        self.externalIDs = ExternalIDRegistry()
        self.ids = ids
    }
}
