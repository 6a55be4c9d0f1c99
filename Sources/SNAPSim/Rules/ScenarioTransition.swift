/// A rule's state transition in a scenario (as in WireMock): the state the rule requires, and the state it moves the
/// scenario to once it has answered.
///
/// Every scenario of every partner starts in ``ScenarioTransition/initialState``. States live per partner (see
/// ``ScenarioStates``), so one team's polling never moves another team's scenario.
public struct ScenarioTransition: Sendable, Equatable {
    /// The state every scenario starts in, and returns to on reset.
    public static let initialState = "Started"

    /// The scenario's name, shared by the rules that take part in it.
    public var scenario: String
    /// The rule applies only while the scenario is in this state; `nil` applies in any state.
    public var whenState: String?
    /// The state the scenario moves to after the rule answered; `nil` leaves it.
    public var setState: String?
    /// The move happens on this answer of the rule in the current state (1: at once). "Pending for 3 polls"
    /// is a status rule with `whenState` Pending, `setState` Settled and 3 here.
    public var setStateAfterMatches: Int
    /// A state set by this rule that moves on by itself once the simulator clock has passed a time.
    public var expiry: StateExpiry?

    /// A step of `scenario`; see the properties.
    public init(
        scenario: String, whenState: String? = nil, setState: String? = nil, setStateAfterMatches: Int = 1,
        expiry: StateExpiry? = nil
    ) {
        self.scenario = scenario
        self.whenState = whenState
        self.setState = setState
        self.setStateAfterMatches = max(1, setStateAfterMatches)
        self.expiry = expiry
    }

    /// The state names this step mentions.
    public var stateNames: [String] {
        [whenState, setState, expiry?.setState].compactMap { $0 }
    }

    /// How the step reads in listings: `scenario async-topup: in Pending, → Settled on the 3rd answer`.
    public var summary: String {
        var parts: [String] = []
        if let whenState { parts.append("in \(whenState)") }
        if let setState {
            var move = "→ \(setState)"
            if setStateAfterMatches > 1 { move += " on answer \(setStateAfterMatches)" }
            parts.append(move)
        }
        if let expiry { parts.append("→ \(expiry.setState) once \(expiry.after) of clock time have passed") }
        return "scenario \(scenario): " + parts.joined(separator: ", ")
    }
}

/// A state that ends by itself: once the simulator clock is `after` past the moment the state was set, the
/// scenario is in `setState` instead. Read lazily on the next request, so it holds no timer.
public struct StateExpiry: Sendable, Equatable {
    /// How long the state lasts, in simulator time (`5m`, `1d`, `1mo`).
    public var after: ClockStep
    /// The state that follows.
    public var setState: String

    /// A state lasting `after`, followed by `setState`.
    public init(after: ClockStep, setState: String) {
        self.after = after
        self.setState = setState
    }
}
