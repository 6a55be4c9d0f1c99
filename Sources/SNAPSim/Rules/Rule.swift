/// A "magic value": when a request matches every condition, the outcome replaces or amends the answer.
///
/// Rules run in fixture order after the partner's permission check and before the service; the first match
/// wins. Scenario states (require/set a named state) and forced outcomes will join as more conditions and
/// effects of this same type.
public struct Rule: Sendable {
    /// Unique name, shown in listings and (later) the request journal.
    public var id: String
    public var description: String?
    public var conditions: [RuleCondition]
    public var outcome: RuleOutcome
    /// `rules.json /rules/3`, for listings.
    public var origin: String

    public init(id: String, description: String? = nil, conditions: [RuleCondition], outcome: RuleOutcome, origin: String = "") {
        self.id = id
        self.description = description
        self.conditions = conditions
        self.outcome = outcome
        self.origin = origin
    }

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

/// The ordered rules of a fixture set.
public struct RuleBook: Sendable {
    public private(set) var rules: [Rule]

    public init(_ rules: [Rule] = []) {
        self.rules = rules
    }

    /// The first rule matching `input`, if any.
    public func firstMatch(_ input: RuleInput) -> Rule? {
        rules.first { $0.matches(input) }
    }
}
