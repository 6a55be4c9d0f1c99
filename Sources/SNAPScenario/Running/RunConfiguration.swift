import SNAPCrypto
import SNAPSim

/// How and where scenarios run.
public struct RunConfiguration: Sendable {
    /// Where requests go.
    public enum Target: Sendable {
        /// A fresh ``Simulator`` per scenario in this process, fixed clock and seed: fast and deterministic.
        case inProcess
        /// A running SNAP endpoint, e.g. `http://127.0.0.1:7788`; with snapsim's admin token the runner resets the
        /// scenario's partners (with the run's seed), sets up its customers and fixes the clock at its start before
        /// each scenario, and clock steps move the clock.
        case http(baseURL: String, adminToken: String?)
    }

    /// Where the clock starts in-process when a scenario names no start: mid-month, mid-morning in Jakarta, so
    /// no scenario crosses a day or month by accident.
    public static let defaultStart = CivilDate(year: 2026, month: 11, day: 21, hour: 10)
        .time(offsetMinutes: CivilDate.jakartaOffsetMinutes)

    /// The admin token of the in-process simulators, for `"admin"` steps (payer actions, notification set-up).
    public static let inProcessAdminToken = "scenario-runner-admin"

    public var target: Target
    /// The fixtures: in-process the simulator's; over HTTP the partners' credentials and profiles (paths).
    public var fixtures: LoadedFixtures
    /// Seed of the identifiers: the in-process simulator's, or the scenario's partners' on a `--target` with the
    /// admin token (a scenario may name its own).
    public var seed: UInt64
    /// Start of the clock for scenarios that name none (in-process, and on a `--target` with the admin token).
    public var start: SimTime
    /// Whether the in-process simulator explains rejections (`additionalInfo.explain`).
    public var explain: Bool
    /// Credentials to act as instead of the demo partner (`--partner`, `--partner-key`, `--client-secret`).
    public var credentials: PartnerCredentials?
    /// How long to wait for an answer over HTTP.
    public var timeout: Duration

    public init(
        target: Target = .inProcess, fixtures: LoadedFixtures, seed: UInt64 = 0,
        start: SimTime = RunConfiguration.defaultStart,
        explain: Bool = true, credentials: PartnerCredentials? = nil, timeout: Duration = .seconds(30)
    ) {
        self.target = target
        self.fixtures = fixtures
        self.seed = seed
        self.start = start
        self.explain = explain
        self.credentials = credentials
        self.timeout = timeout
    }

    var isInProcess: Bool {
        if case .inProcess = target { true } else { false }
    }
}

/// A partner to act as instead of the demo partner `snapsim-demo`, e.g. your own sandbox credentials against a
/// provider: wherever a scenario acts as `snapsim-demo`, the runner acts as this partner.
public struct PartnerCredentials: Sendable {
    /// The client id (`X-PARTNER-ID`, `X-CLIENT-KEY`); `nil` keeps `snapsim-demo` with other credentials.
    public var partnerID: String?
    /// The partner's RSA private key (PEM): signs token requests, and transactions of asymmetric partners.
    public var privateKeyPEM: String?
    /// The client secret of symmetric (HMAC-SHA512) signatures.
    public var clientSecret: String?

    public init(partnerID: String? = nil, privateKeyPEM: String? = nil, clientSecret: String? = nil) {
        self.partnerID = partnerID
        self.privateKeyPEM = privateKeyPEM
        self.clientSecret = clientSecret
    }

    /// The client id that replaces `snapsim-demo`.
    var actingPartner: String { partnerID ?? Scenario.defaultPartner }

    /// `fixtures` with this partner's credentials in: an unknown partner is added (symmetric when a client
    /// secret is given, asymmetric otherwise), a known one gets the key and secret given.
    func applied(to fixtures: LoadedFixtures) -> LoadedFixtures {
        var result = fixtures
        let id = actingPartner
        var partner =
            fixtures.partners[id]
            ?? Partner(
                clientId: id, name: id, clientSecret: clientSecret ?? "", publicKey: "",
                signing: clientSecret == nil ? .asymmetric : .symmetric)
        if let privateKeyPEM { partner.privateKey = privateKeyPEM }
        if let clientSecret { partner.clientSecret = clientSecret }
        result.partners[id] = partner
        return result
    }
}
