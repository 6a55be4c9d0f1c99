import SNAPSim
import SimJSON

/// Reads the scenarios of one file, checking every field and recording each problem with its JSON pointer.
///
/// A file holds one scenario object, or `{"scenarios": [ … ]}`. Variables are checked in step order: a step
/// may only name built-ins, the scenario's `variables` and what earlier steps captured.
struct ScenarioReader {
    let file: String
    var problems = ScenarioProblems()

    static let fileFields = ["scenarios", "description"]
    static let scenarioFields = [
        "name", "description", "partner", "clock", "seed", "fixtures", "variables", "timestampStyle",
        "signatureEncoding",
        "steps",
    ]

    init(file: String) {
        self.file = file
    }

    /// The scenarios in `root`; problems are left in ``problems``.
    mutating func read(_ root: JSONValue) -> [Scenario] {
        let node = ScenarioNode(file: file, value: root)
        guard case .object = root else {
            problems.add(
                node,
                "a scenario file holds a JSON object (one scenario, or {\"scenarios\": [...]}), found \(root.typeName)")
            return []
        }
        guard let list = node["scenarios"] else { return scenario(node).map { [$0] } ?? [] }
        node.expectObject(allowed: Self.fileFields, &problems)
        guard let elements = list.elements(&problems) else { return [] }
        if elements.isEmpty { problems.add(list, "lists no scenario") }
        let scenarios = elements.compactMap { scenario($0) }
        var seen: [String: JSONPointer] = [:]
        for scenario in scenarios {
            if let first = seen[scenario.name] {
                problems.add(
                    ScenarioNode(
                        file: file, pointer: scenario.pointer.appending("name"), value: .string(scenario.name)),
                    "another scenario of this file (\(first)) is already named \"\(scenario.name)\"; names must be unique"
                )
            }
            seen[scenario.name] = scenario.pointer
        }
        return scenarios
    }

    private mutating func scenario(_ node: ScenarioNode) -> Scenario? {
        guard node.expectObject(allowed: Self.scenarioFields, &problems) else { return nil }
        let name = node.string("name", required: true, &problems)
        let description = node.string("description", &problems)
        let partner = node.string("partner", &problems)
        if let partner, partner.isEmpty { problems.add(node["partner"] ?? node, "must not be empty") }
        let clock = node.instant("clock", &problems)
        let seed = readSeed(node)
        let fixtures = node["fixtures"].map { fixtureOverrides($0) } ?? FixtureOverrides()
        let timestampStyle = choice("timestampStyle", in: node, TimestampStyle.self) ?? .jakarta
        let signatureEncoding = choice("signatureEncoding", in: node, SignatureEncoding.self) ?? .base64

        var defined = Set(ScenarioVariables.builtIns)
        var variables = JSONObject()
        if let variablesNode = node["variables"] {
            for (key, valueNode) in variablesNode.members(&problems) ?? [] {
                if !Template.isValidName(key) {
                    problems.add(valueNode, "\"\(key)\" is not a variable name: use letters, digits, _, - and .")
                }
                checkTemplates(in: valueNode, defined: defined)
                variables[key] = valueNode.value
                defined.insert(key)
            }
        }

        var steps: [ScenarioStep] = []
        if let stepsNode = node["steps"] {
            let elements = stepsNode.elements(&problems) ?? []
            if elements.isEmpty, case .array = stepsNode.value {
                problems.add(stepsNode, "a scenario needs at least one step")
            }
            for element in elements {
                if let step = step(element, defined: &defined) { steps.append(step) }
            }
        } else {
            problems.add(node, "\"steps\" is required")
        }
        guard let name, !name.isEmpty else { return nil }
        return Scenario(
            name: name, description: description, file: file, pointer: node.pointer,
            partner: partner.flatMap { $0.isEmpty ? nil : $0 } ?? Scenario.defaultPartner, clock: clock, seed: seed,
            fixtures: fixtures, variables: variables, timestampStyle: timestampStyle,
            signatureEncoding: signatureEncoding,
            steps: steps)
    }

    /// A string member naming one of `T`'s cases.
    private mutating func choice<T: RawRepresentable & CaseIterable>(
        _ key: String, in node: ScenarioNode, _ type: T.Type
    ) -> T?
    where T.RawValue == String {
        guard let text = node.string(key, &problems) else { return nil }
        guard let value = T(rawValue: text) else {
            let known = T.allCases.map(\.rawValue).joined(separator: ", ")
            problems.add(node[key] ?? node, "unknown \(key) \"\(text)\" (known: \(known))")
            return nil
        }
        return value
    }

    private mutating func readSeed(_ node: ScenarioNode) -> UInt64? {
        guard let seedNode = node["seed"] else { return nil }
        guard let text = seedNode.value.numberText, let seed = UInt64(text) else {
            problems.add(seedNode, "expected a whole number from 0 to \(UInt64.max), got \(seedNode.value.compactText)")
            return nil
        }
        return seed
    }

    // MARK: - Variables

    /// Records a problem for each malformed `${…}` or variable not defined at this point, at its string.
    mutating func checkTemplates(in node: ScenarioNode, defined: Set<String>) {
        switch node.value {
        case .string(let text):
            guard text.contains("${") else { return }
            guard let template = node.asTemplate(&problems) else { return }
            for name in template.variables where !defined.contains(name) {
                problems.add(
                    node,
                    "${\(name)} is not defined here: define it in \"variables\" or capture it in an earlier step (built-ins: \(ScenarioVariables.builtIns.joined(separator: ", ")))"
                )
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                checkTemplates(
                    in: ScenarioNode(file: file, pointer: node.pointer.appending(String(index)), value: element),
                    defined: defined)
            }
        case .object(let object):
            for member in object {
                checkTemplates(
                    in: ScenarioNode(file: file, pointer: node.pointer.appending(member.key), value: member.value),
                    defined: defined)
            }
        case .null, .bool, .number:
            break
        }
    }
}
