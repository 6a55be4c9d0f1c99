/// A "magic value": when a request matches every condition, the outcome replaces or amends the answer.
///
/// Rules run in fixture order after the partner's permission check and before the service; the first match
/// wins. A rule may take part in a scenario (``scenario``): it then applies only in a named state of the
/// partner's scenario, and moves it on. Forced outcomes set through the admin API are rules too, tried first.
public struct Rule: Sendable {
    /// Unique name, shown in listings and (later) the request journal.
    public var id: String
    /// Free text for listings.
    public var description: String?
    /// All must hold.
    public var conditions: [RuleCondition]
    /// What happens when they do.
    public var outcome: RuleOutcome
    /// `rules.json /rules/3`, for listings.
    public var origin: String
    /// The state the rule requires and the state it sets, when it takes part in a scenario.
    public var scenario: ScenarioTransition?

    /// A rule; `origin` says where it was declared.
    public init(
        id: String, description: String? = nil, conditions: [RuleCondition], outcome: RuleOutcome, origin: String = "",
        scenario: ScenarioTransition? = nil
    ) {
        self.id = id
        self.description = description
        self.conditions = conditions
        self.outcome = outcome
        self.origin = origin
        self.scenario = scenario
    }

    /// Whether every condition holds for `input`.
    public func matches(_ input: RuleInput) -> Bool {
        conditions.allSatisfy { $0.holds(for: input) }
    }

    /// The services this rule can fire for: its `services` condition, or every one when it has none.
    public var serviceNames: [String]? {
        for condition in conditions {
            if case .services(let names) = condition { return names }
        }
        return nil
    }
}
