import SimHTTP
import Synchronization

/// The SNAP provider in-process: turns an HTTP request into the reply a provider would give.
///
/// The server, the scenario runner and most tests call ``respond(to:)`` directly. All mutable state sits behind
/// one lock and every step reads time from the injected clock once per request, so the same fixtures, seed,
/// start time and requests always give the same bytes.
public final class Simulator: HTTPResponder {
    public let options: SimulatorOptions
    private let security = SecurityPipeline()
    private let services = ServiceRegistry()
    private let state: Mutex<State>

    private struct State: Sendable {
        var fixtures: LoadedFixtures
        var partners: PartnerStates
    }

    public init(fixtures: LoadedFixtures, options: SimulatorOptions = SimulatorOptions()) {
        self.options = options
        let partners = PartnerStates(ids: IDGenerator(seed: options.seed), initialLedger: fixtures.ledger)
        state = Mutex(State(fixtures: fixtures, partners: partners))
    }

    public var clock: SimulatorClock { options.clock }

    /// The fixtures in force.
    public var fixtures: LoadedFixtures { state.withLock { $0.fixtures } }

    public func respond(to request: HTTPRequest) -> HTTPReply {
        let receivedAt = clock.now()
        return state.withLock { state in
            guard let route = state.fixtures.router.route(method: request.method, path: request.path) else {
                return ResponseRenderer.unknownRoute(request, at: receivedAt)
            }
            let exchange = Exchange(request: request, route: route, receivedAt: receivedAt)
            let outcome = process(exchange, &state)
            return ResponseRenderer(fixtures: state.fixtures, explain: options.explain).render(outcome, for: exchange)
        }
    }

    private func process(_ exchange: Exchange, _ state: inout State) -> Outcome {
        let fixtures = state.fixtures
        do {
            switch exchange.route.security {
            case .accessToken:
                let fields = try security.issueAccessToken(exchange, fixtures: fixtures, partners: &state.partners)
                return .snap(key: CaseKey(httpStatus: 200, caseCode: "00"), fields: fields)
            case .transaction, .bearer:
                let caller = try security.authenticate(exchange, fixtures: fixtures, partners: &state.partners)
                return try state.partners.with(caller.clientId) { (partnerState) throws(SNAPError) in
                    try services.handle(exchange, caller: caller, fixtures: fixtures, state: &partnerState)
                }
            }
        } catch {
            return .rejected(error)
        }
    }

    /// Restores one partner's state, or everyone's, to the fixtures; the clock returns to its start.
    public func reset(partner clientId: String? = nil) {
        state.withLock { $0.partners.reset(clientId) }
        if clientId == nil { clock.reset() }
    }

    /// Swaps in a new fixture set at once; every partner starts afresh from it.
    public func replaceFixtures(_ fixtures: LoadedFixtures) {
        state.withLock { state in
            state.fixtures = fixtures
            state.partners = PartnerStates(ids: IDGenerator(seed: options.seed), initialLedger: fixtures.ledger)
        }
    }
}
