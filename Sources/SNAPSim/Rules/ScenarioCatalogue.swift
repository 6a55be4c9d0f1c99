/// The scenarios a fixture set declares, and the states its rules name for each: what `GET /_sim/state`
/// lists and what `PUT /_sim/state` accepts.
struct ScenarioCatalogue {
    /// State names by scenario, each list sorted and starting with the initial state.
    let states: [String: [String]]

    init(_ rules: RuleBook) {
        var states: [String: Set<String>] = [:]
        for step in rules.rules.compactMap(\.scenario) {
            states[step.scenario, default: [ScenarioTransition.initialState]].formUnion(step.stateNames)
        }
        self.states = states.mapValues { names in
            [ScenarioTransition.initialState] + names.subtracting([ScenarioTransition.initialState]).sorted()
        }
    }

    /// Scenario names, sorted.
    var names: [String] { states.keys.sorted() }
}
