import SNAPSim
import SimJSON

extension ScenarioReader {
    static let expectFields = ["status", "responseCode", "responseMessage", "json", "body", "headers", "minDelay"]

    mutating func expectation(_ node: ScenarioNode, defined: Set<String>) -> Expectation {
        var expectation = Expectation()
        guard node.expectObject(allowed: Self.expectFields, &problems) else { return expectation }
        checkTemplates(in: node, defined: defined)
        expectation.status = node.integer("status", in: 100...599, &problems)
        expectation.responseCode = node["responseCode"].flatMap { matcher($0) }
        expectation.responseMessage = node["responseMessage"].flatMap { matcher($0) }
        if let fieldsNode = node["json"] {
            for (key, matcherNode) in fieldsNode.members(&problems) ?? [] {
                guard let pointer = JSONPointer(parsing: key), !key.isEmpty else {
                    problems.add(
                        matcherNode,
                        "\"\(key)\" is not a JSON pointer: start it with /, e.g. /amount/value (the whole body is \"body\")"
                    )
                    continue
                }
                if let matcher = matcher(matcherNode) {
                    expectation.fields.append(.init(pointer: pointer, matcher: matcher))
                }
            }
        }
        expectation.body = node["body"].flatMap { matcher($0) }
        if let headersNode = node["headers"] {
            for (name, matcherNode) in headersNode.members(&problems) ?? [] {
                if let matcher = matcher(matcherNode) {
                    expectation.headers.append(.init(name: name, matcher: matcher))
                }
            }
        }
        if let step = node.clockStep("minDelay", monthsAllowed: false, &problems), case .duration(let duration) = step {
            expectation.minimumDelay = duration
        }
        return expectation
    }

    // MARK: - Matchers

    /// A bare value (equals; objects and arrays compare member by member) or an operator object.
    mutating func matcher(_ node: ScenarioNode) -> JSONMatcher? {
        switch node.value {
        case .object(let object):
            let keys = object.keys
            let operators = keys.filter { JSONMatcher.operators.contains($0) }
            guard !operators.isEmpty else {
                var members: [JSONMatcher.Member] = []
                for member in object {
                    let child = ScenarioNode(
                        file: file, pointer: node.pointer.appending(member.key), value: member.value)
                    if let matcher = matcher(child) { members.append(.init(key: member.key, matcher: matcher)) }
                }
                return .object(members)
            }
            guard operators.count == keys.count else {
                let others = keys.filter { !JSONMatcher.operators.contains($0) }
                problems.add(
                    node,
                    "mixes matcher operators (\(operators.joined(separator: ", "))) with other members (\(others.joined(separator: ", "))); to expect an object with such members write {\"equals\": {...}}"
                )
                return nil
            }
            return operatorMatcher(node, object)
        case .array(let elements):
            var matchers: [JSONMatcher] = []
            for (index, element) in elements.enumerated() {
                let child = ScenarioNode(file: file, pointer: node.pointer.appending(String(index)), value: element)
                if let matcher = matcher(child) { matchers.append(matcher) }
            }
            return .array(matchers)
        case .null, .bool, .number, .string:
            return .equals(node.value)
        }
    }

    private mutating func operatorMatcher(_ node: ScenarioNode, _ object: JSONObject) -> JSONMatcher? {
        let comparisonNames = JSONMatcher.Comparison.Operator.allCases.map(\.rawValue)
        if object.keys.allSatisfy(comparisonNames.contains) {
            var comparisons: [JSONMatcher.Comparison] = []
            for member in object {
                let child = ScenarioNode(file: file, pointer: node.pointer.appending(member.key), value: member.value)
                guard Self.isNumericBound(member.value) else {
                    problems.add(
                        child,
                        "\(member.key) compares with a number (or a numeric string such as \"10000.00\"), found \(member.value.compactText)"
                    )
                    continue
                }
                if let op = JSONMatcher.Comparison.Operator(rawValue: member.key) {
                    comparisons.append(.init(op: op, bound: member.value))
                }
            }
            return .compare(comparisons)
        }
        guard object.members.count == 1, let (key, value) = object.members.first.map({ ($0.key, $0.value) }) else {
            problems.add(
                node, "only gt, gte, lt and lte combine; use one of \(object.keys.joined(separator: ", ")) per matcher")
            return nil
        }
        let child = ScenarioNode(file: file, pointer: node.pointer.appending(key), value: value)
        switch key {
        case "equals":
            return .equals(value)
        case "notEquals":
            return .notEquals(value)
        case "oneOf":
            guard case .array(let values) = value, !values.isEmpty else {
                problems.add(child, "oneOf takes a non-empty array of values")
                return nil
            }
            return .oneOf(values)
        case "exists", "absent":
            guard case .bool(let flag) = value else {
                problems.add(child, "\(key) takes true or false, found \(value.compactText)")
                return nil
            }
            return .exists(key == "exists" ? flag : !flag)
        default:
            guard case .string(let pattern) = value else {
                problems.add(child, "regex takes a string pattern, found \(value.typeName)")
                return nil
            }
            if !pattern.contains("${") {
                do {
                    _ = try WholeMatchPattern(pattern)
                } catch {
                    problems.add(child, "invalid regular expression /\(pattern)/ (Swift Regex syntax)")
                    return nil
                }
            }
            return .regex(pattern)
        }
    }

    /// A number, a string holding one, or a string naming a variable.
    private static func isNumericBound(_ value: JSONValue) -> Bool {
        switch value {
        case .number: true
        case .string(let text): text.contains("${") || JSONMatcher.decimal(text) != nil
        default: false
        }
    }

    // MARK: - Captures

    mutating func captures(_ node: ScenarioNode) -> [Capture] {
        var captures: [Capture] = []
        for (name, sourceNode) in node.members(&problems) ?? [] {
            guard Template.isValidName(name) else {
                problems.add(sourceNode, "\"\(name)\" is not a variable name: use letters, digits, _, - and .")
                continue
            }
            if ScenarioVariables.builtIns.contains(name) {
                problems.add(sourceNode, "\"\(name)\" is a built-in variable; capture into another name")
                continue
            }
            switch sourceNode.value {
            case .string(let text):
                guard let pointer = JSONPointer(parsing: text) else {
                    problems.add(sourceNode, "\"\(text)\" is not a JSON pointer: start it with /, e.g. /referenceNo")
                    continue
                }
                captures.append(Capture(variable: name, source: .body(pointer)))
            case .object:
                sourceNode.expectObject(allowed: ["header", "requestHeader"], &problems)
                if let header = sourceNode.string("header", &problems) {
                    captures.append(Capture(variable: name, source: .header(header)))
                } else if let header = sourceNode.string("requestHeader", &problems) {
                    captures.append(Capture(variable: name, source: .requestHeader(header)))
                } else {
                    problems.add(sourceNode, "capture from {\"header\": NAME} or {\"requestHeader\": NAME}")
                }
            default:
                problems.add(
                    sourceNode,
                    "capture a body field by pointer (\"/referenceNo\") or a header ({\"header\": \"X-TIMESTAMP\"})")
            }
        }
        return captures
    }
}
