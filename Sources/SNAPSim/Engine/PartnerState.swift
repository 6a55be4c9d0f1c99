/// Everything mutable that belongs to one partner. Partners never see each other's state:
/// each starts from its own copy of the fixtures' ledger and draws identifiers from its own stream.
public struct PartnerState: Sendable, Codable {
    public var ledger: Ledger
    public var tokens: AccessTokenStore
    /// B2B2C customer tokens (service 74).
    public var customerTokens: CustomerTokenStore
    public var externalIDs: ExternalIDRegistry
    public var ids: IDGenerator
    /// Where each scenario of the fixtures' rules is for this partner.
    public var scenarios: ScenarioStates
    /// Answers forced on this partner's requests through the admin API.
    public var forcedOutcomes: ForcedOutcomes
    /// QR MPM and payment-gateway payments (services 47–53, 77, 78; DANA's payment gateway).
    public var qris = QRISBook()
    /// Virtual accounts (services 24–31), opened from the fixtures on the first VA request.
    public var virtualAccounts = VirtualAccountBook()
    /// Intrabank, interbank and to-bank transfers (17, 18, 43), for retries and status inquiries.
    public var transfers: TransferBook
    /// Notifications drawn up by this partner's flows, handed to delivery once the partner's lock is released.
    public var notifications = NotificationDrafts()
    /// Bindings, OTPs and direct-debit payments (services 01–09, 54–58, 81).
    public var directDebit = DirectDebitBook()
    /// SmilePayz v2.0 pay-in and pay-out orders (profile `smilepayz`).
    public var smilePayz = SmilePayzBook()
    /// NICEPAY payouts and their notifications (Services/Payout).
    public var payouts = PayoutBook()
    /// E2Pay host/user tokens, authorization codes and passwords (the `e2pay` profile).
    public var e2pay = E2PayBook()
    /// Top-ups accepted pending, waiting on the clock to settle (Services/PendingTopUpSettlement).
    public var pendingTopUps = PendingTopUps()
    /// QR payments the simulated payer left pending, by settlement instant (Services/QRIS/QRSettlement).
    public var pendingQRPayments = DueSchedule()

    public init(ledger: Ledger, ids: IDGenerator) {
        self.ledger = ledger
        self.tokens = AccessTokenStore()
        self.customerTokens = CustomerTokenStore()
        self.externalIDs = ExternalIDRegistry()
        self.ids = ids
        self.scenarios = ScenarioStates()
        self.forcedOutcomes = ForcedOutcomes()
        self.transfers = TransferBook(limit: ledger.movements.limit)
    }
}
