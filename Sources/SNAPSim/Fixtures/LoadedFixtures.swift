/// A validated fixture set plus what is derived from it once (route table, parsed keys).
/// Immutable: replacing fixtures swaps the whole value, so no request ever sees half a set.
///
/// STUB (engine work fills this in): loading from files, validation, catalogue, rules, ledger.
public struct LoadedFixtures: Sendable {
    public var security: SecuritySettings
    public var partners: [String: Partner]
    public var catalogue: ResponseCatalogue
    public var router: Router
    public var ledger: Ledger

    public init(
        security: SecuritySettings = SecuritySettings(), partners: [String: Partner] = [:],
        catalogue: ResponseCatalogue = ResponseCatalogue(), router: Router = Router(), ledger: Ledger = Ledger()
    ) {
        self.security = security
        self.partners = partners
        self.catalogue = catalogue
        self.router = router
        self.ledger = ledger
    }
}
