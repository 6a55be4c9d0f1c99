import SimJSON

/// Reading a forced outcome from the body of `POST /_sim/faults`, checked like a fixture rule.
extension ForcedOutcome {
    static let fields = ["partner", "when", "then", "times", "description"]
    /// The members of `then` that make an answer; without one, a fault mangles the normal answer.
    static let answerFields = ["case", "httpStatus", "body", "bodyPatch", "delayMs"]
    /// The file name problems are reported under.
    static let source = "request body"

    /// The forced outcome the body asks for, with an empty ``id`` for the caller to assign.
    ///
    /// The body is `{"partner", "when"?, "then", "times"?, "description"?}`; `when` and `then` are a rule's
    /// (see fixtures/README.md), and `then` may also hold `"fault"`: one of ``TransportFault``'s cases.
    /// - Returns: the outcome, or every problem found, each with its JSON pointer in the body.
    static func read(_ body: JSONValue, fixtures: LoadedFixtures) -> Result<ForcedOutcome, FixtureLoadError> {
        var problems = FixtureProblems()
        let node = FixtureNode(file: source, value: body)
        guard node.expectObject(allowed: fields, &problems) else { return .failure(FixtureLoadError(problems: problems.list)) }
        let partner = node.string("partner", required: true, &problems)
        if let partner, fixtures.partners[partner] == nil {
            problems.add(node["partner"] ?? node, "unknown partner \"\(partner)\" (known: \(fixtures.partners.keys.sorted().joined(separator: ", ")))")
        }
        let times = node.integer("times", required: false, in: 1...1_000_000, &problems)
        let description = node.string("description", required: false, &problems)

        var when = JSONObject()
        if let whenNode = node["when"] {
            if let object = whenNode.value.objectValue { when = object } else {
                problems.add(whenNode, "expected an object of conditions, found \(whenNode.value.typeName)")
            }
            if let partnerNode = whenNode["partner"] {
                problems.add(partnerNode, "a forced outcome belongs to the one partner given at the top level; leave partner out of when")
            }
        }
        var then = JSONObject()
        var fault: TransportFault?
        if let thenNode = node["then"] {
            if let object = thenNode.value.objectValue { then = object } else {
                problems.add(thenNode, "expected an object (the outcome), found \(thenNode.value.typeName)")
            }
            if let faultNode = thenNode["fault"] {
                fault = faultNode.value.stringValue.flatMap(TransportFault.init(rawValue:))
                if fault == nil {
                    problems.add(faultNode, "unknown fault \(faultNode.value.compactText) (known: \(TransportFault.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                then["fault"] = nil
                // A fault alone mangles the normal answer: a rule outcome that only delays, by nothing.
                if !answerFields.contains(where: { then[$0] != nil }) { then["delayMs"] = 0 }
            }
        } else {
            problems.add(source, JSONPointer(tokens: ["then"]), "missing required object \"then\": a case, httpStatus + body, bodyPatch, delayMs or fault")
        }
        guard problems.isEmpty, let partner else { return .failure(FixtureLoadError(problems: problems.list)) }

        var conditions = when
        conditions["partner"] = .string(partner)
        var synthetic: JSONObject = ["id": "forced", "when": .object(conditions), "then": .object(then)]
        if let description { synthetic["description"] = .string(description) }
        let rule = Rule.read(
            FixtureNode(file: source, value: .object(synthetic)), catalogue: fixtures.catalogue,
            partnerIds: Set(fixtures.partners.keys), e2payCodes: Set(fixtures.e2pay.codes.map(\.code)), &problems)
        guard let rule, problems.isEmpty else { return .failure(FixtureLoadError(problems: problems.list)) }
        return .success(ForcedOutcome(
            id: "", partner: partner, rule: rule, fault: fault, remaining: times,
            when: node["when"]?.value ?? .object([:]), then: node["then"]?.value ?? .null))
    }
}
