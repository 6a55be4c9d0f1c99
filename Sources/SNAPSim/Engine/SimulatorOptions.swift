/// How a ``Simulator`` runs, as chosen on the command line.
public struct SimulatorOptions: Sendable {
    /// Seed of the identifier streams (`--seed`); equal seeds give equal reference numbers and tokens.
    public var seed: UInt64
    /// The injected clock (`--clock real` or a fixed start).
    public var clock: SimulatorClock
    /// Whether rejections carry an explanation of what was expected (`--no-explain` turns it off).
    public var explain: Bool
    /// The bearer token the admin API (`/_sim/...`) requires; `nil` leaves only `GET /_sim/health` open.
    public var adminToken: String?
    /// Journal entries kept per partner before the oldest are dropped.
    public var journalCapacity: Int
    /// Bytes the whole journal keeps (`--journal-mib`); past it the oldest entries of any partner are dropped.
    public var journalByteLimit: Int
    /// Where changes are kept durably (`serve --state DIR`); `nil` keeps everything in memory only.
    public var stateLog: StateLog?
    /// Credential rejections a partner gets answered at once before the rest are answered later
    /// (`serve --rejection-rate`, docs/rejection-budget.md); `nil`, the default here, never delays one.
    public var rejectionBudget: RejectionBudget?

    public init(
        seed: UInt64 = 0, clock: SimulatorClock = .real(), explain: Bool = true, adminToken: String? = nil,
        journalCapacity: Int = 500, journalByteLimit: Int = Journal.defaultByteLimit
    ) {
        self.seed = seed
        self.clock = clock
        self.explain = explain
        self.adminToken = adminToken
        self.journalCapacity = journalCapacity
        self.journalByteLimit = journalByteLimit
    }
}
