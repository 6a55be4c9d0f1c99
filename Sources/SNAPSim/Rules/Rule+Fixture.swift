import SimJSON

/// Reading rules from `rules.json`, checked against the services, partners and catalogue they name.
extension Rule {
    static let fields = ["id", "description", "when", "then"] + ScenarioTransition.fields
    static let conditionFields = ["service", "partner", "headers", "query", "body"]
    static let outcomeFields = ["case", "placeholders", "httpStatus", "body", "bodyPatch", "delayMs"]
    /// Longest accepted delay: long enough for any client timeout, short enough to notice a typo.
    static let maximumDelayMilliseconds = 600_000

    /// Services rules never see: token requests answer before rules run.
    static let unruledServices: [ServiceDescriptor] = [.accessTokenB2B, .e2payToken, .e2payAuthorization]

    static func read(
        _ node: FixtureNode, catalogue: ResponseCatalogue, partnerIds: Set<String>, e2payCodes: Set<String>? = nil,
        _ problems: inout FixtureProblems
    ) -> Rule? {
        guard node.expectObject(allowed: fields, &problems) else { return nil }
        let id = node.string("id", required: true, maxLength: 100, &problems)
        let description = node.string("description", required: false, &problems)
        let before = problems.list.count
        var conditions: [RuleCondition] = []
        if let when = node["when"] {
            conditions = readConditions(when, partnerIds: partnerIds, &problems)
            if conditions.isEmpty, problems.list.count == before {
                problems.add(when, "a rule without conditions would answer every request: add service, partner, headers, query or body")
            }
        } else {
            problems.add(node.file, node.pointer.appending("when"), "missing required object \"when\" (the conditions)")
        }
        let services = conditions.lazy.compactMap { condition -> [String]? in
            if case .services(let names) = condition { names } else { nil }
        }.first
        var outcome: RuleOutcome?
        if let then = node["then"] {
            outcome = readOutcome(then, services: services, catalogue: catalogue, e2payCodes: e2payCodes, &problems)
        } else {
            problems.add(node.file, node.pointer.appending("then"), "missing required object \"then\" (the outcome)")
        }
        let scenario = ScenarioTransition.read(node, &problems)
        guard let id, let outcome, problems.list.count == before else { return nil }
        return Rule(id: id, description: description, conditions: conditions, outcome: outcome,
            origin: "\(node.file) \(node.pointer)", scenario: scenario)
    }

    private static func readConditions(
        _ node: FixtureNode, partnerIds: Set<String>, _ problems: inout FixtureProblems
    ) -> [RuleCondition] {
        guard node.expectObject(allowed: conditionFields, &problems) else { return [] }
        var conditions: [RuleCondition] = []
        if let serviceNode = node["service"] {
            let names = oneOrMany(serviceNode, &problems)
            var resolved: [String] = []
            for (index, name) in names.enumerated() {
                if let service = ServiceDescriptor.named(name), !unruledServices.contains(service) {
                    if !resolved.contains(service.name) { resolved.append(service.name) }
                } else {
                    let at = serviceNode.value.arrayValue == nil
                        ? serviceNode : FixtureNode(file: node.file, pointer: serviceNode.pointer.appending(String(index)), value: .string(name))
                    problems.add(at, "unknown service \"\(name)\" (known: \(ServiceDescriptor.all.filter { !unruledServices.contains($0) }.map(\.name).joined(separator: ", "))); rules do not apply to token requests")
                }
            }
            if !resolved.isEmpty { conditions.append(.services(resolved)) }
        }
        if let partnerNode = node["partner"] {
            let ids = oneOrMany(partnerNode, &problems)
            for id in ids where !partnerIds.contains(id) {
                problems.add(partnerNode, "unknown partner \"\(id)\" (known: \(partnerIds.sorted().joined(separator: ", ")))")
            }
            if !ids.isEmpty { conditions.append(.partners(ids)) }
        }
        for (name, matcherNode) in node["headers"]?.members(&problems) ?? [] {
            guard !name.isEmpty, !name.contains(where: { $0 == " " || $0 == ":" }) else {
                problems.add(matcherNode, "\"\(name)\" is not a header name")
                continue
            }
            if let matcher = ValueMatcher.read(matcherNode, &problems) { conditions.append(.header(name, matcher)) }
        }
        for (name, matcherNode) in node["query"]?.members(&problems) ?? [] {
            if let matcher = ValueMatcher.read(matcherNode, &problems) { conditions.append(.query(name, matcher)) }
        }
        for (text, matcherNode) in node["body"]?.members(&problems) ?? [] {
            guard let pointer = JSONPointer(parsing: text), !pointer.tokens.isEmpty else {
                problems.add(matcherNode, "\"\(text)\" is not a JSON pointer: write /customerNumber or /amount/value")
                continue
            }
            if let matcher = ValueMatcher.read(matcherNode, &problems) { conditions.append(.body(pointer, matcher)) }
        }
        return conditions
    }

    private static func oneOrMany(_ node: FixtureNode, _ problems: inout FixtureProblems) -> [String] {
        switch node.value {
        case .string(let text) where !text.isEmpty: return [text]
        case .array(let elements) where !elements.isEmpty:
            let texts = elements.compactMap(\.stringValue)
            if texts.count == elements.count, !texts.contains("") { return texts }
        default: break
        }
        problems.add(node, "expected a name or a non-empty array of names")
        return []
    }

    private static func readOutcome(
        _ node: FixtureNode, services: [String]?, catalogue: ResponseCatalogue, e2payCodes: Set<String>?,
        _ problems: inout FixtureProblems
    ) -> RuleOutcome? {
        guard node.expectObject(allowed: outcomeFields, &problems) else { return nil }
        let before = problems.list.count
        let delayMs = node.integer("delayMs", required: false, in: 0...maximumDelayMilliseconds, &problems) ?? 0
        let status = node.integer("httpStatus", required: false, in: 100...599, &problems)
        let body = node["body"]
        let patch = node["bodyPatch"]
        if let patch, patch.value.objectValue == nil {
            problems.add(patch, "bodyPatch must be an object (a JSON merge patch over the normal answer)")
        }
        let response: RuleOutcome.Response
        if let caseNode = node["case"], let e2pay = e2payCase(caseNode, node, services: services, codes: e2payCodes, &problems) {
            guard let code = e2pay else { return nil }
            response = .e2pay(code: code)
        } else if let caseNode = node["case"] {
            for other in ["httpStatus", "body", "bodyPatch"] where node[other] != nil {
                problems.add(node[other] ?? node, "\"\(other)\" cannot be combined with \"case\": a case answers the SNAP envelope of that code")
            }
            guard let key = readCase(caseNode, services: services, catalogue: catalogue, &problems) else { return nil }
            var placeholders: [String: String] = [:]
            for (name, valueNode) in node["placeholders"]?.members(&problems) ?? [] {
                guard case .string(let value) = valueNode.value else {
                    problems.add(valueNode, "placeholder values are strings")
                    continue
                }
                let codes: [ServiceCode?] = services?.map { ServiceDescriptor.named($0)?.code } ?? [nil]
                let known = Set(codes.flatMap { catalogue.entry(for: key, service: $0)?.message.placeholderNames ?? [] })
                if !known.contains(name) {
                    let names = known.sorted().map { "{\($0)}" }.joined(separator: ", ")
                    problems.add(valueNode, "the message of \(key) has no {\(name)} (it has: \(names.isEmpty ? "none" : names))")
                }
                placeholders[name] = value
            }
            response = .code(key, placeholders: placeholders)
        } else {
            if let placeholders = node["placeholders"] {
                problems.add(placeholders, "placeholders need a \"case\"")
            }
            if let body {
                if patch != nil { problems.add(patch ?? node, "use either body (replace the answer) or bodyPatch (amend it), not both") }
                guard let status else {
                    problems.add(node.file, node.pointer.appending("httpStatus"), "a full body needs its httpStatus")
                    return nil
                }
                response = .body(status: status, body: body.value)
            } else {
                if node["delayMs"] == nil, status == nil, patch == nil {
                    problems.add(node, "an outcome needs case, httpStatus, body, bodyPatch or delayMs")
                }
                response = .amend(status: status, patch: patch?.value)
            }
        }
        guard problems.list.count == before else { return nil }
        return RuleOutcome(response, delay: .milliseconds(delayMs))
    }

    /// `403xx04`, `40304`, or a full `4033704` whose service digits must be one of the rule's services.
    private static func readCase(
        _ node: FixtureNode, services: [String]?, catalogue: ResponseCatalogue, _ problems: inout FixtureProblems
    ) -> CaseKey? {
        guard case .string(let text) = node.value else {
            problems.add(node, "expected a code string such as \"403xx04\"")
            return nil
        }
        let key: CaseKey
        if let general = CatalogueFile.parsePattern(text) {
            key = general.key
            if let service = general.service {
                let codes = (services ?? []).compactMap { ServiceDescriptor.named($0)?.code }
                if !codes.contains(service) {
                    problems.add(node, "\"\(text)\" names service \(service), but the rule applies to \(services.map { $0.joined(separator: ", ") } ?? "every service"): write \(key) and limit the rule with \"service\"")
                    return nil
                }
            }
        } else if let short = CaseKey(text), text.utf8.count == 5 {
            key = short
        } else {
            problems.add(node, "\"\(text)\" is not a code: write HTTP status + xx + case, e.g. \"403xx04\"")
            return nil
        }
        let codes: [ServiceCode?] = services?.compactMap { ServiceDescriptor.named($0)?.code } ?? [nil]
        for code in codes where !catalogue.contains(key, service: code) {
            problems.add(node, "\(key) is not in the response-code catalogue\(code.map { " for service \($0)" } ?? ""): add it to response-codes.json")
            return nil
        }
        return key
    }

    /// For a rule whose services are all E2Pay's: `.some(code)` for an E2Pay code of `e2pay.json` (`"96"`),
    /// `.some(nil)` after reporting a problem. `nil` when the rule is not for E2Pay routes (a SNAP case).
    private static func e2payCase(
        _ caseNode: FixtureNode, _ node: FixtureNode, services: [String]?, codes: Set<String>?,
        _ problems: inout FixtureProblems
    ) -> String?? {
        let descriptors = (services ?? []).compactMap(ServiceDescriptor.named)
        let e2pay = descriptors.filter { $0.security == .e2pay }
        guard !e2pay.isEmpty else { return nil }
        guard e2pay.count == descriptors.count else {
            problems.add(caseNode, "a case rule cannot mix e2pay services (E2Pay codes) with SNAP services (SNAP codes): split it")
            return .some(nil)
        }
        for other in ["httpStatus", "body", "bodyPatch", "placeholders"] where node[other] != nil {
            problems.add(node[other] ?? node, "\"\(other)\" cannot be combined with \"case\": an E2Pay case answers its code's status and message")
        }
        guard case .string(let code) = caseNode.value, !code.isEmpty else {
            problems.add(caseNode, "expected an E2Pay code string such as \"96\"")
            return .some(nil)
        }
        if let codes, !codes.contains(code) {
            problems.add(caseNode, "\"\(code)\" is not an E2Pay code of e2pay.json (known: \(codes.sorted().joined(separator: ", ")))")
            return .some(nil)
        }
        return .some(code)
    }
}
