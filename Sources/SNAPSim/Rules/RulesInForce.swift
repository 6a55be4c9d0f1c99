import SimJSON

/// Runs an authenticated request through the services with the rules in force for its partner right now:
/// the partner's forced outcomes first (oldest first), then the fixture rules whose scenario state holds.
/// Afterwards it counts the forced outcome that answered, or moves the scenario of the rule that did.
struct RulesInForce {
    let services: ServiceRegistry

    /// What the services answered, which rule decided, and the fault to inflict on the wire, if any.
    struct Result {
        var outcome: Outcome
        var matchedRule: String?
        var fault: TransportFault?
    }

    func serve(
        _ exchange: Exchange, caller: AuthenticatedCaller, world: World, body: Swift.Result<JSONObject, SNAPError>,
        prematched: PrematchedRule? = nil, state: inout PartnerState
    ) -> Result {
        state.scenarios.settle(at: exchange.receivedAt)
        let scenarios = state.scenarios
        var rules = RuleSelection(
            forced: state.forcedOutcomes.book, book: world.fixtures.rules,
            allows: world.hasScenarioRules ? { scenarios.allows($0.scenario) } : nil)
        rules.prematched = prematched
        let result = services.respond(exchange, caller: caller, shared: world.shared, body: body, rules: rules, state: &state)
        guard let ruleId = result.rule else { return Result(outcome: result.outcome) }
        if let forced = state.forcedOutcomes.recordAnswer(of: ruleId) {
            return Result(outcome: result.outcome, matchedRule: ruleId, fault: forced.fault)
        }
        if let rule = world.fixtures.rules.rule(id: ruleId), let step = rule.scenario {
            state.scenarios.recordAnswer(of: ruleId, step: step, at: exchange.receivedAt)
        }
        return Result(outcome: result.outcome, matchedRule: ruleId)
    }
}

/// The rules a request is tried against: a partner's forced outcomes, then the world's rule book with the rules
/// whose scenario state does not hold left out. Built per request without copying or re-indexing either book.
struct RuleSelection {
    /// An empty book, built once: a `RuleBook()` default here built an index for every request.
    private static let noForcedOutcomes = RuleBook()

    var forced: RuleBook
    let book: RuleBook
    /// Whether a fixture rule applies now; `nil` when every rule does.
    var allows: ((Rule) -> Bool)?
    /// The book's rules whose conditions hold, found before the partner's lock (``PrematchedRule``), if they were.
    var prematched: PrematchedRule?

    init(_ book: RuleBook) {
        forced = Self.noForcedOutcomes
        self.book = book
    }

    init(forced: RuleBook, book: RuleBook, allows: ((Rule) -> Bool)?) {
        self.forced = forced
        self.book = book
        self.allows = allows
    }

    /// The first rule matching `input`: forced outcomes first.
    func firstMatch(_ input: RuleInput) -> Rule? {
        // Most partners have no forced outcome: trying an empty book still cost a look-up and a merge (~1.7k
        // instructions) under the partner's lock.
        if !forced.isEmpty, let rule = forced.firstMatch(input) { return rule }
        if let prematched, prematched.clientId == input.clientId { return prematched.resolve(allowing: allows) }
        guard let allows else { return book.firstMatch(input) }
        return book.firstMatch(input, allowing: allows)
    }
}
