import SNAPSim
import SimJSON

/// `"expectNotifications"` and `"answerNotifications"` steps.
extension ScenarioReader {
    static let notificationExpectFields = [
        "kind", "partner", "where", "count", "path", "json", "body", "headers", "signature", "within", "order", "timeout",
        "capture",
    ]
    static let notificationMatchFields = ["path", "json", "body", "headers"]
    static let receiverAnswerFields = ["status", "responseCode", "body", "times"]

    mutating func notificationExpectation(_ node: ScenarioNode, defined: inout Set<String>) -> NotificationExpectation? {
        guard node.expectObject(allowed: Self.notificationExpectFields, &problems) else { return nil }
        if let partnerNode = node["partner"] { checkTemplates(in: partnerNode, defined: defined) }
        var expectation = NotificationExpectation()
        if let kind = node.string("kind", &problems) {
            let known = NotificationKind.allCases.map(\.rawValue)
            if known.contains(kind) {
                expectation.kind = kind
            } else {
                problems.add(node["kind"] ?? node, "unknown notification kind \"\(kind)\" (known: \(known.joined(separator: ", ")))")
            }
        }
        expectation.partner = node.string("partner", &problems)
        expectation.count = node.integer("count", in: 0...1000, &problems)
        if let whereNode = node["where"] {
            checkTemplates(in: whereNode, defined: defined)
            for (key, matcherNode) in whereNode.members(&problems) ?? [] {
                guard let pointer = JSONPointer(parsing: key), !key.isEmpty else {
                    problems.add(matcherNode, "\"\(key)\" is not a JSON pointer: start it with /, e.g. /paymentRequestId")
                    continue
                }
                if let matcher = matcher(matcherNode) { expectation.filter.append(.init(pointer: pointer, matcher: matcher)) }
            }
        }
        expectation.each = notificationMatch(node, defined: defined)
        if let orderNode = node["order"] {
            for element in orderNode.elements(&problems) ?? [] {
                guard element.expectObject(allowed: Self.notificationMatchFields, &problems) else { continue }
                expectation.order.append(notificationMatch(element, defined: defined))
            }
            if let count = expectation.count, count != expectation.order.count {
                problems.add(orderNode, "\"order\" lists \(expectation.order.count) notifications but \"count\" says \(count)")
            }
        }
        if let text = node.string("signature", &problems) {
            if let check = NotificationExpectation.SignatureCheck(rawValue: text) {
                expectation.signature = check
            } else {
                problems.add(node["signature"] ?? node, "signature is \"valid\", \"invalid\" or \"any\", not \"\(text)\"")
            }
        }
        if let step = node.clockStep("within", monthsAllowed: false, &problems), case .duration(let duration) = step {
            expectation.within = duration
        }
        if let step = node.clockStep("timeout", monthsAllowed: false, &problems), case .duration(let duration) = step {
            expectation.timeout = duration
        }
        if let captureNode = node["capture"] { expectation.captures = captures(captureNode) }
        for capture in expectation.captures { defined.insert(capture.variable) }
        return expectation
    }

    /// `path`, `json`, `body` and `headers` of one notification (the request the simulator sent).
    private mutating func notificationMatch(_ node: ScenarioNode, defined: Set<String>) -> NotificationMatch {
        var match = NotificationMatch()
        if let pathNode = node["path"] { checkTemplates(in: pathNode, defined: defined) }
        match.path = node["path"].flatMap { matcher($0) }
        var subset = JSONObject()
        for key in ["json", "body", "headers"] { if let value = node[key]?.value { subset[key] = value } }
        if !subset.isEmpty {
            // The same reader as a request's "expect", over only the members a notification has.
            let inner = ScenarioNode(file: file, pointer: node.pointer, value: .object(subset))
            match.expectation = expectation(inner, defined: defined)
        }
        return match
    }

    mutating func receiverAnswer(_ node: ScenarioNode) -> ReceiverAnswer? {
        if case .string(let text) = node.value {
            guard text == "success" else {
                problems.add(node, "expected \"success\" or {\"status\": 500, \"times\": 1}, found \"\(text)\"")
                return nil
            }
            return .success
        }
        guard node.expectObject(allowed: Self.receiverAnswerFields, &problems) else { return nil }
        var answer = ReceiverAnswer()
        answer.status = node.integer("status", in: 100...599, &problems) ?? 200
        answer.times = node.integer("times", in: 1...1000, &problems)
        if let code = node.string("responseCode", &problems) {
            if node.has("body") { problems.add(node["body"] ?? node, "give \"responseCode\" or \"body\", not both") }
            answer.body = .responseCode(code)
        } else if let body = node["body"] {
            answer.body = body.value.stringValue.map(ReceiverAnswer.Body.text) ?? .json(body.value)
        } else if answer.status >= 300 {
            answer.body = .responseCode("\(answer.status)0000".prefix(7).description)
        }
        return answer
    }
}
