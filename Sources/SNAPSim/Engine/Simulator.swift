import SimHTTP
import SimJSON
import Synchronization

/// The SNAP provider in-process: turns an HTTP request into the reply a provider would give.
///
/// The server, the scenario runner and most tests call ``respond(to:)`` directly; it is safe to call from any
/// number of threads at once. The fixture set and all that derives from it is one immutable ``World``; each
/// partner's mutable state sits behind its own lock (``PartnerSlots``). A request captures the world once,
/// runs everything pure outside any lock (headers, timestamp, partner lookup, signature verification and the
/// diagnosis of a mismatch, body parsing, rendering, encoding) and holds only its partner's lock for what must
/// be ordered: token and X-EXTERNAL-ID admission, rules, ledger. The journal has a lock of its own, held only
/// to append. One partner's load or bad input never waits on another partner, the same requests of one partner
/// after a reset give the same bytes whatever other partners do, and a fixture swap is atomic for every request.
public final class Simulator: HTTPResponder {
    public let options: SimulatorOptions
    /// Each route's provider conventions come from its profile (``RouteDialect``).
    let security = SecurityPipeline(conventions: { route, _ in route.dialect.conventions })
    let services = ServiceRegistry()
    /// The world in force and its partners' states; replaced whole by a fixture swap.
    let current: BargingLock<PartnerSlots>
    let journal: BargingLock<Journal>
    /// Sends the notifications partners' flows draw up (issue 14), never under a partner's lock.
    public let notifications: NotificationOutbox
    /// Runs clock-driven steps when a running clock reaches them (Engine/Clock).
    let scheduler: ClockScheduler

    public init(fixtures: LoadedFixtures, options: SimulatorOptions = SimulatorOptions()) {
        self.options = options
        current = BargingLock(PartnerSlots(world: World(fixtures), seed: options.seed))
        journal = BargingLock(Journal(capacityPerPartner: options.journalCapacity, byteLimit: options.journalByteLimit))
        notifications = NotificationOutbox(clock: options.clock)
        scheduler = ClockScheduler(clock: options.clock)
        attachClockDrivenSteps()
        notifications.attemptObserver.withLock { $0 = { [weak self] in self?.journalAttempt($0, $1) } }
    }

    deinit { notifications.stop() }

    public var clock: SimulatorClock { options.clock }

    /// The world in force: the fixtures and what derives from them.
    public var world: World { slots.world }

    /// The fixtures in force.
    public var fixtures: LoadedFixtures { world.fixtures }

    /// The world in force with its partners' states.
    var slots: PartnerSlots { current.withLock { $0 } }

    public func respond(to request: HTTPRequest) -> HTTPReply {
        if Self.isAdmin(request) {
            if let stateLog = options.stateLog { return respondToAdmin(request, durably: stateLog) }
            return AdminAPI(simulator: self).respond(to: request)
        }
        let receivedAt = clock.now()
        if let stateLog = options.stateLog { return respond(to: request, at: receivedAt, durably: stateLog) }
        return answer(request, at: receivedAt, notify: true, live: true).reply
    }

    /// Whether the request's path starts with ``AdminAPI/prefix``, compared on UTF-8: `Substring.hasPrefix`
    /// compares Characters, which cost as much as a header look-up on every request. The prefix is ASCII ending
    /// in `/` (and has no `?`), so the bytes decide unless a non-ASCII byte follows it, which could join the `/`
    /// into another Character: then Characters decide, as before.
    static func isAdmin(_ request: HTTPRequest) -> Bool {
        let target = request.target.utf8
        let prefix = AdminAPI.prefix.utf8
        guard target.starts(with: prefix) else { return false }
        if let next = target.dropFirst(prefix.count).first, next >= 0x80 { return request.path.hasPrefix(AdminAPI.prefix) }
        return true
    }

    /// Serves a partner request as of `receivedAt`; `notify: false` leaves the notifications it drew up to the
    /// caller (``Answer/notifications``: sent once durable, or never, by a replay). `live`: a request on the wire,
    /// charged to its partner's ``RejectionBudget`` when refused (a replay's is not).
    func answer(_ request: HTTPRequest, at receivedAt: SimTime, notify: Bool, live: Bool = false) -> Answer {
        let slots = self.slots
        let world = slots.world
        // The fixtures are read through the world (a class) rather than bound to a local: a local copy of
        // `LoadedFixtures` retains and releases every one of its members on every request.
        let renderer = ResponseRenderer(world: world, explain: options.explain)
        guard let route = world.fixtures.router.route(
            for: request, partners: world.fixtures.partners, defaultProfile: world.fixtures.engine.defaultProfile)
        else {
            let rendered = renderer.unroutable(request, at: receivedAt)
            record(JournalEntry(request, receivedAt: receivedAt, service: nil, decision: nil, rendered: rendered), world)
            return Answer(reply: rendered.reply, service: nil)
        }
        let exchange = Exchange(request: request, route: route, receivedAt: receivedAt)
        let decision = decide(exchange, slots)
        let rendered = renderer.render(decision.outcome, for: exchange)
        var entry = JournalEntry(
            request, receivedAt: receivedAt, service: route.serviceName, decision: decision, rendered: rendered)
        var reply = decision.fault?.applied(to: rendered.reply) ?? rendered.reply
        if live, let budget = options.rejectionBudget, decision.refusesCredentials {
            entry.rejectionBudgetDelay = budget.hold(&reply, charging: entry.ring(in: world.fixtures.partners))
        }
        record(entry, world)
        if notify, !decision.notifications.isEmpty {
            notifications.enqueue(decision.notifications, fixtures: world.fixtures)
        }
        return Answer(
            reply: reply, service: route.serviceName, notifications: notify ? [] : decision.notifications, world: world)
    }

    /// Security, then the services with the partner's rules in force.
    func decide(_ exchange: Exchange, _ slots: PartnerSlots) -> Decision {
        let world = slots.world
        do throws(SNAPError) {
            switch exchange.route.security {
            case .accessToken:
                let grant = try security.verifyTokenRequest(exchange, world: world)
                let fields = try slots.slot(grant.partner.clientId).state.withLock { state throws(SNAPError) in
                    try grant.issue(into: &state)
                }
                return Decision(outcome: .snap(key: CaseKey(httpStatus: 200, caseCode: "00"), fields: fields),
                    verdict: SecurityVerdict.acceptedTokenRequest)
            case .transaction:
                let admission = try security.verifyTransaction(exchange, world: world)
                let clientId = admission.partner.clientId
                return serve(exchange, clientId, slots.slot(clientId), slots) { state throws(SNAPError) in
                    RequestCapture.current?.mayLogAsRead(exchange, admission, world, before: state)
                    return try admission.admit(into: &state)
                } refine: { error in
                    self.otherHolder(of: admission.token, rejected: error, caller: admission.partner.clientId, exchange, slots)
                }
            case .bearer:
                let bearer = BearerAuthenticator()
                let token = try bearer.token(exchange)
                let holder = locate(token, slots)
                let caller = try bearer.caller(holder?.issued, token: token, exchange: exchange, fixtures: world.fixtures)
                return serve(exchange, caller.clientId, slots.slot(caller.clientId), slots) { _ in caller } refine: { $0 }
            case .e2pay:
                return E2PayFront.decide(exchange, slots: slots)
            }
        } catch {
            let error = SecurityPipeline.redacted(error, world)
            return Decision(outcome: .rejected(error), verdict: SecurityVerdict.rejection(error))
        }
    }

    /// Under the partner's lock: admission, then rules and services. Before it, all that is pure: the body is
    /// parsed, the fixture rule it matches looked up (``PrematchedRule``) and the service's own preparation
    /// done (``SNAPService/prepare(_:at:)``).
    private func serve(
        _ exchange: Exchange, _ clientId: String, _ slot: PartnerSlots.Slot, _ slots: PartnerSlots,
        admit: (inout PartnerState) throws(SNAPError) -> AuthenticatedCaller, refine: (SNAPError) -> SNAPError
    ) -> Decision {
        let world = slots.world
        let body = ServiceRegistry.requestBody(exchange)
        var exchange = exchange
        ServiceRegistry.prepare(&exchange, body: body)
        let prematched = PrematchedRule(exchange, clientId: clientId, world: world, body: body)
        let rules = RulesInForce(services: services)
        typealias Served = (AuthenticatedCaller, RulesInForce.Result, [NotificationEvent])
        let served: Result<Served, SNAPError> = slot.state.withLock { state in
            do throws(SNAPError) {
                let caller = try admit(&state)
                catchUp(until: exchange.receivedAt, slot, slots, &state)  // steps due before this request
                let result = rules.serve(
                    exchange, caller: caller, world: world, body: body, prematched: prematched, state: &state)
                drafted(slot, slots, &state)
                return .success((caller, result, state.notifications.take(partner: caller.clientId)))
            } catch {
                return .failure(error)
            }
        }
        switch served {
        case .success(let (caller, result, drafts)):
            return Decision(
                outcome: result.outcome, caller: caller, verdict: caller.verdict.json, matchedRule: result.matchedRule,
                fault: result.fault, notifications: drafts)
        case .failure(let error):
            let error = SecurityPipeline.redacted(refine(error), world)
            return Decision(outcome: .rejected(error), verdict: SecurityVerdict.rejection(error))
        }
    }

    /// A token the caller does not hold, found among the other partners (after the caller's lock was released),
    /// turns "unknown" into "issued to another partner".
    private func otherHolder(
        of token: String?, rejected error: SNAPError, caller: String, _ exchange: Exchange, _ slots: PartnerSlots
    ) -> SNAPError {
        guard let token, error.isUnknownToken, let holder = locate(token, slots), holder.clientId != caller else {
            return error
        }
        return AccessTokenCheck(now: exchange.receivedAt).issuedToOther(holder.issued, token: token, clientId: caller)
    }

    /// The partner holding `token`, searching one partner's store at a time in client-id order (deterministic).
    private func locate(_ token: String, _ slots: PartnerSlots) -> (clientId: String, issued: AccessTokenStore.IssuedToken)? {
        for clientId in slots.clientIds {
            if let issued = slots.existing(clientId)?.state.peek({ $0.tokens.lookup(token) }) {
                return (clientId, issued)
            }
        }
        return nil
    }

    /// The one place the journal is written: appends `entry` under the journal's own lock. The entry it drops
    /// to make room is released here, after the lock.
    func record(_ entry: JournalEntry, _ world: World) {
        let ring = entry.ring(in: world.fixtures.partners)
        let size = entry.byteSize  // outside the lock every request takes
        let dropped = journal.withLock { $0.record(ring: ring, entry, byteSize: size) }
        withExtendedLifetime(dropped) {}
    }
}

/// A request served: the reply, the service it was routed to, and the notifications left to the caller.
struct Answer {
    var reply: HTTPReply
    var service: String?
    var notifications: [NotificationEvent] = []
    /// The world the request was served in, whose fixtures send its notifications: one reference, not a copy of
    /// the fixtures per answer.
    var world: World?
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
    /// Notifications the request's flow drew up, handed to the outbox once the partner's lock is released.
    var notifications: [NotificationEvent] = []
}

extension SNAPError {
    /// Whether this is 401xx01 for a token the partner was never issued.
    var isUnknownToken: Bool {
        key == SNAPError.invalidToken.key
            && (explanation?["diagnosis"]?.arrayValue ?? []).contains { $0.objectValue?["cause"]?.stringValue == "token-unknown" }
    }
}
