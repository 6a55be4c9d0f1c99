import SimHTTP
import Synchronization

/// The SNAP provider in-process: turns an HTTP request into the reply a provider would give.
///
/// The server, the scenario runner and most tests call ``respond(to:)`` directly. All mutable state sits behind
/// one lock and every step reads time from the injected clock once per request, so the same fixtures, seed,
/// start time and requests always give the same bytes.
public final class Simulator: HTTPResponder {
    public let options: SimulatorOptions
    /// Each route's provider conventions come from its profile (``RouteDialect``).
    private let security = SecurityPipeline(conventions: { route, _ in route.dialect.conventions })
    private let services = ServiceRegistry()
    private let state: Mutex<State>

    struct State: Sendable {
        var fixtures: LoadedFixtures
        var partners: PartnerStates
        var journal: Journal
    }

    public init(fixtures: LoadedFixtures, options: SimulatorOptions = SimulatorOptions()) {
        self.options = options
        let partners = PartnerStates(ids: IDGenerator(seed: options.seed), initialLedger: fixtures.ledger)
        state = Mutex(State(fixtures: fixtures, partners: partners, journal: Journal(capacityPerPartner: options.journalCapacity)))
    }

    public var clock: SimulatorClock { options.clock }

    /// The fixtures in force.
    public var fixtures: LoadedFixtures { state.withLock { $0.fixtures } }

    public func respond(to request: HTTPRequest) -> HTTPReply {
        if request.path.hasPrefix(AdminAPI.prefix) {
            return AdminAPI(simulator: self).respond(to: request)
        }
        let receivedAt = clock.now()
        return state.withLock { state in
            let fixtures = state.fixtures
            guard let route = fixtures.router.route(
                for: request, partners: fixtures.partners, defaultProfile: fixtures.engine.defaultProfile)
            else {
                let reply = ResponseRenderer.unroutable(request, router: fixtures.router, at: receivedAt)
                state.journal.record(request: request, receivedAt: receivedAt, service: nil, caller: nil, outcome: nil, reply: reply)
                return reply
            }
            let exchange = Exchange(request: request, route: route, receivedAt: receivedAt)
            let (outcome, caller) = process(exchange, &state)
            let reply = ResponseRenderer(fixtures: state.fixtures, explain: options.explain).render(outcome, for: exchange)
            state.journal.record(
                request: request, receivedAt: receivedAt, service: route.serviceName, caller: caller, outcome: outcome,
                reply: reply)
            return reply
        }
    }

    private func process(_ exchange: Exchange, _ state: inout State) -> (Outcome, AuthenticatedCaller?) {
        let fixtures = state.fixtures
        var caller: AuthenticatedCaller?
        do {
            switch exchange.route.security {
            case .accessToken:
                let fields = try security.issueAccessToken(exchange, fixtures: fixtures, partners: &state.partners)
                return (.snap(key: CaseKey(httpStatus: 200, caseCode: "00"), fields: fields), nil)
            case .transaction, .bearer:
                let authenticated = try security.authenticate(exchange, fixtures: fixtures, partners: &state.partners)
                caller = authenticated
                let outcome = try state.partners.with(authenticated.clientId) { (partnerState) throws(SNAPError) in
                    try services.handle(exchange, caller: authenticated, fixtures: fixtures, state: &partnerState)
                }
                return (outcome, caller)
            }
        } catch {
            return (.rejected(error), caller)
        }
    }

    /// Runs `body` with exclusive access to the simulator's state (admin endpoints use it).
    func withState<R>(_ body: (inout State) -> R) -> R {
        state.withLock { body(&$0) }
    }

    /// Restores one partner's state, or everyone's, to the fixtures; a full reset also empties the journal and
    /// returns the clock to its start, so the same requests then give the same bytes again.
    public func reset(partner clientId: String? = nil) {
        state.withLock { state in
            state.partners.reset(clientId)
            state.journal.clear(partner: clientId)
        }
        if clientId == nil { clock.reset() }
    }

    /// Forgets the journal of one partner, or all of it.
    public func clearJournal(partner: String? = nil) {
        state.withLock { $0.journal.clear(partner: partner) }
    }

    /// Journals an admin request that was refused for its token, so a team can see who tried.
    func journalAdminRejection(_ request: HTTPRequest, reply: HTTPReply) {
        let receivedAt = clock.now()
        state.withLock { $0.journal.record(request: request, receivedAt: receivedAt, service: "admin", caller: nil, outcome: nil, reply: reply) }
    }

    /// Journal entries matching `filter`, oldest first.
    public func journalEntries(matching filter: JournalFilter = JournalFilter()) -> [JournalEntry] {
        state.withLock { $0.journal.entries(matching: filter) }
    }

    /// Swaps in a new fixture set at once; every partner starts afresh from it.
    public func replaceFixtures(_ fixtures: LoadedFixtures) {
        state.withLock { state in
            state.fixtures = fixtures
            state.partners = PartnerStates(ids: IDGenerator(seed: options.seed), initialLedger: fixtures.ledger)
        }
    }
}
