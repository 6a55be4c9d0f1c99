/// The state of every scenario of one partner (scenarios as in WireMock: rules with ``ScenarioTransition``s).
///
/// A value inside ``PartnerState``, so it is isolated per partner and reset with it. Time comes only from the
/// requests' simulator time, so the same requests always walk the same states.
public struct ScenarioStates: Codable, Sendable {
    /// Where one scenario is.
    public struct Position: Codable, Sendable, Equatable {
        /// The current state.
        public var state: String
        /// When the scenario entered it; `nil` for the initial state never left.
        public var since: SimTime?
        /// Answers per rule id since the state was entered (for ``ScenarioTransition/setStateAfterMatches``).
        public var answers: [String: Int] = [:]
        /// When the state ends by itself, and what follows.
        public var expiresAt: SimTime?
        /// The state that follows at `expiresAt`.
        public var nextState: String?
    }

    private var positions: [String: Position] = [:]

    /// No scenario has left its initial state.
    public init() {}

    /// Where `scenario` is; the initial state if it never moved.
    public func position(of scenario: String) -> Position {
        positions[scenario] ?? Position(state: ScenarioTransition.initialState)
    }

    /// The current state of `scenario`.
    public func state(of scenario: String) -> String {
        position(of: scenario).state
    }

    /// Whether `step`'s state requirement holds now.
    public func allows(_ step: ScenarioTransition?) -> Bool {
        guard let step, let required = step.whenState else { return true }
        return state(of: step.scenario) == required
    }

    /// Ends the states whose time is up at `time`. Called before rules are matched and before states are shown.
    public mutating func settle(at time: SimTime) {
        for (name, position) in positions {
            if let expiresAt = position.expiresAt, let next = position.nextState, time >= expiresAt {
                positions[name] = Position(state: next, since: expiresAt)
            }
        }
    }

    /// Records that the rule `ruleId` with `step` answered at `time`, moving the scenario when it is due.
    public mutating func recordAnswer(of ruleId: String, step: ScenarioTransition, at time: SimTime) {
        guard let target = step.setState else { return }
        var position = position(of: step.scenario)
        let answers = position.answers[ruleId, default: 0] + 1
        guard answers >= step.setStateAfterMatches else {
            position.answers[ruleId] = answers
            positions[step.scenario] = position
            return
        }
        move(step.scenario, to: target, at: time, expiry: step.expiry)
    }

    /// Puts `scenario` in `state` at `time` (the admin API's `PUT /_sim/state`); counts and expiry start afresh.
    public mutating func move(_ scenario: String, to state: String, at time: SimTime, expiry: StateExpiry? = nil) {
        var position = Position(state: state, since: time)
        if let expiry {
            position.expiresAt = expiry.after.applied(to: time)
            position.nextState = expiry.setState
        }
        positions[scenario] = position
    }
}
