import SimHTTP
import Synchronization
import SimJSON

/// The SNAP provider in-process: turns an HTTP request into the reply a provider would give.
///
/// The server, the scenario runner and most tests call ``respond(to:)`` directly. All mutable state sits behind
/// one lock and every step reads time from the injected clock once per request, so the same fixtures, seed,
/// start time and requests always give the same bytes. A request holds the lock from routing to journal, and
/// a fixture swap happens under the same lock, so no request ever sees half of one set and half of another.
public final class Simulator: HTTPResponder {
    public let options: SimulatorOptions
    /// Each route's provider conventions come from its profile (``RouteDialect``).
    private let security = SecurityPipeline(conventions: { route, _ in route.dialect.conventions })
    private let services = ServiceRegistry()
    let state: Mutex<State>

    struct State: Sendable {
        var fixtures: LoadedFixtures
        var partners: PartnerStates
        var journal: Journal
        /// Counts fixture sets loaded: 1 for the set the simulator started with.
        var fixtureGeneration = 1
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
                let rendered = ResponseRenderer.unroutable(request, router: fixtures.router, at: receivedAt)
                state.journal.record(request, receivedAt: receivedAt, service: nil, decision: nil, rendered: rendered,
                    partners: state.fixtures.partners)
                return rendered.reply
            }
            let exchange = Exchange(request: request, route: route, receivedAt: receivedAt)
            let decision = decide(exchange, &state)
            let rendered = ResponseRenderer(fixtures: state.fixtures, explain: options.explain).render(decision.outcome, for: exchange)
            state.journal.record(request, receivedAt: receivedAt, service: route.serviceName, decision: decision,
                rendered: rendered, partners: state.fixtures.partners)
            return decision.fault?.applied(to: rendered.reply) ?? rendered.reply
        }
    }

    /// Security, then the services with the partner's rules in force.
    private func decide(_ exchange: Exchange, _ state: inout State) -> Decision {
        let fixtures = state.fixtures
        switch exchange.route.security {
        case .accessToken:
            do throws(SNAPError) {
                let fields = try security.issueAccessToken(exchange, fixtures: fixtures, partners: &state.partners)
                return Decision(outcome: .snap(key: CaseKey(httpStatus: 200, caseCode: "00"), fields: fields),
                    verdict: SecurityVerdict.acceptedTokenRequest)
            } catch {
                return Decision(outcome: .rejected(error), verdict: SecurityVerdict.rejection(error))
            }
        case .e2pay:
            return E2PayFront.decide(exchange, fixtures: fixtures, partners: &state.partners)
        case .transaction, .bearer:
            let caller: AuthenticatedCaller
            do throws(SNAPError) {
                caller = try security.authenticate(exchange, fixtures: fixtures, partners: &state.partners)
            } catch {
                return Decision(outcome: .rejected(error), verdict: SecurityVerdict.rejection(error))
            }
            let served = state.partners.with(caller.clientId) { partnerState in
                RulesInForce(services: services).serve(exchange, caller: caller, fixtures: fixtures, state: &partnerState)
            }
            return Decision(
                outcome: served.outcome, caller: caller, verdict: caller.verdict.json, matchedRule: served.matchedRule,
                fault: served.fault)
        }
    }
}

/// What the pipeline decided for one request, as the renderer and the journal need it.
struct Decision {
    var outcome: Outcome
    /// The partner that passed security, if one did.
    var caller: AuthenticatedCaller?
    /// The security pipeline's verdict, kept in the journal even when explanations are off.
    var verdict: JSONObject?
    /// The fixture rule or forced outcome that decided the answer.
    var matchedRule: String?
    /// The fault a forced outcome inflicts on the answer.
    var fault: TransportFault?
}
