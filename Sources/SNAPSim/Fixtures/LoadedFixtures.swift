/// A validated fixture set plus what is derived from it once (route table, compiled rules, opening ledger).
///
/// Immutable: replacing fixtures swaps the whole value, so no request ever sees half a set. Build one with
/// ``load(files:)``, ``load(directory:)`` or ``defaults``; the memberwise initialiser is for tests.
public struct LoadedFixtures: Sendable {
    /// The security pipeline's settings (`simulator.json` `security`).
    public var security: SecuritySettings
    /// Partners by client id.
    public var partners: [String: Partner]
    /// The response-code catalogue (`response-codes.json`).
    public var catalogue: ResponseCatalogue
    /// Method and path → route, built from the profiles.
    public var router: Router
    /// The opening ledger every partner starts from.
    public var ledger: Ledger
    /// Tiers by name.
    public var tiers: [String: Tier]
    /// Magic values, first match wins.
    public var rules: RuleBook
    /// Profiles in file order.
    public var profiles: [Profile]
    /// Engine settings (`simulator.json` `engine`).
    public var engine: EngineSettings
    /// The files the set was read from, sorted.
    public var sourceFiles: [String]
    /// Authorization codes for B2B2C customer tokens, by code.
    public var authCodes: [String: AuthCode]
    /// Billers and ready-made virtual accounts (`virtual-accounts.json`).
    public var virtualAccounts: VirtualAccountFixtures
    /// Banks, beneficiary accounts and transfer channels (`beneficiaries.json`).
    public var transfers: TransferDirectory
    /// QRIS merchants by merchant id (`merchants.json`).
    public var merchants: [String: QRISMerchant]
    /// NICEPAY payout merchants, methods, banks and beneficiaries (`payouts.json`).
    public var payouts = PayoutFixtures()
    /// E2Pay's bank lists, extra beneficiaries and money-out channels (`e2pay-banks.json`).
    public var e2payBanks = E2PayBankDirectory()
    /// Keys, profiles' notification settings and partners' endpoints (`notifications.json`, issue 14).
    public var notifications = NotificationSettings()
    /// E2Pay's response codes, lifetimes and passwords (`e2pay.json`, issue 13).
    public var e2pay = E2PayFixtures()

    /// A fixture set built in code (tests); nothing is validated.
    public init(
        security: SecuritySettings = SecuritySettings(), partners: [String: Partner] = [:],
        catalogue: ResponseCatalogue = ResponseCatalogue(), router: Router = Router(), ledger: Ledger = Ledger(),
        tiers: [String: Tier] = [:], rules: RuleBook = RuleBook(), profiles: [Profile] = [],
        engine: EngineSettings = EngineSettings(), sourceFiles: [String] = [], authCodes: [String: AuthCode] = [:],
        virtualAccounts: VirtualAccountFixtures = VirtualAccountFixtures(),
        transfers: TransferDirectory = TransferDirectory(),
        merchants: [String: QRISMerchant] = [:]
    ) {
        self.security = security
        self.partners = partners
        self.catalogue = catalogue
        self.router = router
        self.ledger = ledger
        self.tiers = tiers
        self.rules = rules
        self.profiles = profiles
        self.engine = engine
        self.sourceFiles = sourceFiles
        self.authCodes = authCodes
        self.virtualAccounts = virtualAccounts
        self.transfers = transfers
        self.merchants = merchants
    }

    /// One line per kind of content, for `snapsim check`.
    public var summary: String {
        let routes = router.entries.count
        return [
            "\(sourceFiles.count) files",
            "\(profiles.count) profile\(profiles.count == 1 ? "" : "s") (\(routes) routes)",
            "\(partners.count) partners",
            "\(ledger.customers.count) e-money customers",
            "\(ledger.accounts.count) merchant accounts",
            "\(tiers.count) tiers",
            "\(catalogue.entries.count) response codes",
            "\(rules.rules.count) rules",
            "\(virtualAccounts.billers.count) VA billers, \(virtualAccounts.accounts.count) virtual accounts",
        ].joined(separator: ", ")
    }
}
