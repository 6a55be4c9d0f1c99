import SimJSON

/// Reading a rule's scenario fields (`scenario`, `whenState`, `setState`, `setStateAfterMatches`, `stateExpiry`).
extension ScenarioTransition {
    static let fields = ["scenario", "whenState", "setState", "setStateAfterMatches", "stateExpiry"]
    /// Longest scenario or state name: long enough to say what it means, short enough for listings.
    static let maximumNameLength = 100

    /// The step declared on `rule`, `nil` when it declares none (or has problems, which are recorded).
    static func read(_ rule: FixtureNode, _ problems: inout FixtureProblems) -> ScenarioTransition? {
        guard fields.contains(where: { rule[$0] != nil }) else { return nil }
        let before = problems.list.count
        let scenario = rule.string("scenario", required: true, maxLength: maximumNameLength, &problems)
        let whenState = rule.string("whenState", required: false, maxLength: maximumNameLength, &problems)
        let setState = rule.string("setState", required: false, maxLength: maximumNameLength, &problems)
        let afterMatches = rule.integer("setStateAfterMatches", required: false, in: 1...1_000_000, &problems)
        if rule["whenState"] == nil, rule["setState"] == nil {
            problems.add(rule["scenario"] ?? rule, "a scenario rule needs whenState, setState or both")
        }
        if let node = rule["setStateAfterMatches"], rule["setState"] == nil {
            problems.add(node, "setStateAfterMatches needs the setState it delays")
        }
        var expiry: StateExpiry?
        if let node = rule["stateExpiry"] {
            expiry = readExpiry(node, &problems)
            if rule["setState"] == nil {
                problems.add(node, "stateExpiry ends the state this rule sets: add setState")
            }
        }
        guard let scenario, problems.list.count == before else { return nil }
        return ScenarioTransition(
            scenario: scenario, whenState: whenState, setState: setState, setStateAfterMatches: afterMatches ?? 1,
            expiry: expiry)
    }

    /// `{"after": "5m", "setState": "Settled"}`.
    private static func readExpiry(_ node: FixtureNode, _ problems: inout FixtureProblems) -> StateExpiry? {
        guard node.expectObject(allowed: ["after", "setState"], &problems) else { return nil }
        let next = node.string("setState", required: true, maxLength: maximumNameLength, &problems)
        guard let text = node.string("after", required: true, &problems) else { return nil }
        guard let step = ClockStep(text), step.isPositive else {
            problems.add(node["after"] ?? node, "\"\(text)\" is not a positive duration like 90s, 5m, 2h, 1d or 1mo")
            return nil
        }
        return next.map { StateExpiry(after: step, setState: $0) }
    }
}

extension ClockStep {
    /// Whether the step moves time forward.
    var isPositive: Bool {
        switch self {
        case .duration(let duration): duration > .zero
        case .months(let months): months > 0
        }
    }
}
