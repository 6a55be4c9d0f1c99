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

    func serve(_ exchange: Exchange, caller: AuthenticatedCaller, fixtures: LoadedFixtures, state: inout PartnerState)
        -> Result
    {
        state.scenarios.settle(at: exchange.receivedAt)
        let result = services.respond(exchange, caller: caller, fixtures: Self.fixtures(fixtures, for: state), state: &state)
        guard let ruleId = result.rule else { return Result(outcome: result.outcome) }
        if let forced = state.forcedOutcomes.recordAnswer(of: ruleId) {
            return Result(outcome: result.outcome, matchedRule: ruleId, fault: forced.fault)
        }
        if let rule = fixtures.rules.rule(id: ruleId), let step = rule.scenario {
            state.scenarios.recordAnswer(of: ruleId, step: step, at: exchange.receivedAt)
        }
        return Result(outcome: result.outcome, matchedRule: ruleId)
    }

    /// `fixtures` with the partner's rule book in force; the same value when nothing differs (the usual case).
    /// Either way no rule is copied or re-indexed: the book in force shares the fixture rules' index.
    static func fixtures(_ fixtures: LoadedFixtures, for state: PartnerState) -> LoadedFixtures {
        let forced = state.forcedOutcomes.book
        guard !forced.rules.isEmpty || fixtures.rules.hasStateConditions else { return fixtures }
        var adjusted = fixtures
        adjusted.rules = fixtures.rules.inForce(forced: forced, scenarios: state.scenarios)
        return adjusted
    }
}
