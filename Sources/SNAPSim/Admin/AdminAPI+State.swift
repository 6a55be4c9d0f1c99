import SimHTTP
import SimJSON

/// `GET`/`PUT /_sim/state`: where a partner's scenarios are.
extension AdminAPI {
    static let stateUsage = #"Send {"scenarios": {"<scenario>": "<state>"}} with ?partner=<clientId>."#

    func scenarioState(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        switch request.method {
        case .get:
            let partner = try partner(request, required: true) ?? ""
            return json(200, describeStates(of: partner))
        case .put:
            let partner = try partner(request, required: true) ?? ""
            let wanted = try wantedStates(request)
            let now = simulator.clock.now()
            let problems: [FixtureProblem] = simulator.withPartner(partner) { partnerState, fixtures in
                let problems = Self.check(wanted, against: ScenarioCatalogue(fixtures.rules))
                guard problems.isEmpty else { return problems }
                for (scenario, target) in wanted { partnerState.scenarios.move(scenario, to: target, at: now) }
                return []
            }
            guard problems.isEmpty else { return self.problems("States not set; nothing changed.", problems) }
            return json(200, describeStates(of: partner))
        default:
            throw notAllowed(request, allowed: "GET, PUT")
        }
    }

    private func wantedStates(_ request: HTTPRequest) throws(AdminFailure) -> [(String, String)] {
        guard let object = try jsonBody(request, usage: Self.stateUsage).objectValue,
            let scenarios = object["scenarios"]?.objectValue, !scenarios.isEmpty
        else {
            throw AdminFailure(reply: error(400, Self.stateUsage))
        }
        var wanted: [(String, String)] = []
        for (scenario, value) in scenarios {
            guard let target = value.stringValue, !target.isEmpty else {
                throw AdminFailure(reply: error(400, "scenarios/\(scenario): a state is a non-empty string. \(Self.stateUsage)"))
            }
            wanted.append((scenario, target))
        }
        return wanted
    }

    /// Unknown scenarios and states are refused: a typo would otherwise park a scenario where no rule answers.
    private static func check(_ wanted: [(String, String)], against catalogue: ScenarioCatalogue) -> [FixtureProblem] {
        var problems: [FixtureProblem] = []
        for (scenario, target) in wanted {
            let at = JSONPointer(tokens: ["scenarios", scenario])
            guard let states = catalogue.states[scenario] else {
                let known = catalogue.names.isEmpty ? "none: no rule has a scenario" : catalogue.names.joined(separator: ", ")
                problems.append(FixtureProblem(file: "request body", pointer: at, message: "unknown scenario \"\(scenario)\" (known: \(known))"))
                continue
            }
            if !states.contains(target) {
                problems.append(FixtureProblem(file: "request body", pointer: at, message: "scenario \(scenario) has no state \"\(target)\" (its rules name: \(states.joined(separator: ", ")))"))
            }
        }
        return problems
    }

    /// Every scenario of the fixtures with the partner's position in it, sorted by name.
    private func describeStates(of partner: String) -> JSONValue {
        let now = simulator.clock.now()
        // Settling a copy shows expired states as they are now without changing anything.
        var scenarios = simulator.partnerState(partner)?.scenarios ?? ScenarioStates()
        scenarios.settle(at: now)
        let catalogue = ScenarioCatalogue(simulator.fixtures.rules)
        let list: [JSONValue] = catalogue.names.map { name in
            let position = scenarios.position(of: name)
            var object: JSONObject = ["scenario": .string(name), "state": .string(position.state)]
            object["since"] = position.since.map { .string($0.description) } ?? .null
            if let expiresAt = position.expiresAt, let next = position.nextState {
                object["expires"] = ["at": .string(expiresAt.description), "setState": .string(next)]
            }
            if !position.answers.isEmpty {
                object["answers"] = .object(JSONObject(position.answers.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) }))
            }
            object["states"] = .array((catalogue.states[name] ?? []).map(JSONValue.string))
            return .object(object)
        }
        return ["partner": .string(partner), "now": .string(now.description), "scenarios": .array(list)]
    }
}
