import SNAPSim
import SimHTTP
import SimJSON

extension ScenarioReader {
    static let requestFields = [
        "name", "service", "method", "path", "query", "body", "rawBody", "partner", "security", "token", "omitHeaders",
        "setHeaders", "tamperSignature", "skewTimestamp", "reuseExternalId", "repeat", "expect", "capture",
        "eventually", "admin",
    ]
    static let clockFields = ["name", "advanceClock", "setClock"]

    /// One step; `defined` gains the variables it captures.
    mutating func step(_ node: ScenarioNode, defined: inout Set<String>) -> ScenarioStep? {
        guard case .object = node.value else {
            problems.add(node, "a step is an object, found \(node.value.typeName)")
            return nil
        }
        let name = node.string("name", &problems)
        let kinds = [
            "service", "path", "admin", "advanceClock", "setClock", "expectNotifications", "answerNotifications",
        ].filter { node.has($0) }
        guard kinds.count == 1, let kind = kinds.first else {
            let message =
                kinds.isEmpty
                ? "a step needs one of \"service\", \"path\", \"admin\" (a request), \"advanceClock\", \"setClock\", "
                    + "\"expectNotifications\" or \"answerNotifications\""
                : "a step does one thing: it has \(kinds.map { "\"\($0)\"" }.joined(separator: " and "))"
            problems.add(node, message)
            return nil
        }
        switch kind {
        case "advanceClock", "setClock":
            node.expectObject(allowed: Self.clockFields, &problems)
            if kind == "advanceClock" {
                guard let step = node.clockStep("advanceClock", monthsAllowed: true, &problems) else { return nil }
                return ScenarioStep(name: name, action: .advanceClock(step), pointer: node.pointer)
            }
            guard let time = node.instant("setClock", &problems) else { return nil }
            return ScenarioStep(name: name, action: .setClock(time), pointer: node.pointer)
        case "expectNotifications":
            node.expectObject(allowed: ["name", "expectNotifications"], &problems)
            guard let inner = node["expectNotifications"],
                let expectation = notificationExpectation(inner, defined: &defined)
            else { return nil }
            return ScenarioStep(name: name, action: .expectNotifications(expectation), pointer: node.pointer)
        case "answerNotifications":
            node.expectObject(allowed: ["name", "answerNotifications"], &problems)
            guard let inner = node["answerNotifications"], let answer = receiverAnswer(inner) else { return nil }
            return ScenarioStep(name: name, action: .answerNotifications(answer), pointer: node.pointer)
        default:
            guard let request = request(node, defined: &defined) else { return nil }
            return ScenarioStep(name: name, action: .request(request), pointer: node.pointer)
        }
    }

    private mutating func request(_ node: ScenarioNode, defined: inout Set<String>) -> RequestStep? {
        node.expectObject(allowed: Self.requestFields, &problems)
        let target = target(node)
        if let pathNode = node["path"] ?? node["admin"] { checkTemplates(in: pathNode, defined: defined) }

        var query: [(name: String, value: Template)] = []
        if let queryNode = node["query"] {
            for (key, valueNode) in queryNode.members(&problems) ?? [] {
                checkTemplates(in: valueNode, defined: defined)
                switch valueNode.value {
                case .string:
                    if let template = valueNode.asTemplate(&problems) { query.append((name: key, value: template)) }
                case .number(let text): query.append((name: key, value: Template(literal: text)))
                case .bool(let flag): query.append((name: key, value: Template(literal: flag ? "true" : "false")))
                default: problems.add(valueNode, "a query value is a string, found \(valueNode.value.typeName)")
                }
            }
        }

        var body = RequestStep.Body.none
        if let bodyNode = node["body"], node.has("rawBody") {
            problems.add(bodyNode, "give \"body\" (JSON) or \"rawBody\" (text), not both")
        } else if let bodyNode = node["body"] {
            checkTemplates(in: bodyNode, defined: defined)
            body = .json(bodyNode.value)
        } else if let rawNode = node["rawBody"] {
            checkTemplates(in: rawNode, defined: defined)
            body = node.template("rawBody", &problems).map { .raw($0) } ?? .none
        }

        let partner = node.string("partner", &problems)
        var security: RequestStep.Security?
        if let text = node.string("security", &problems) {
            security = RequestStep.Security(rawValue: text)
            if security == nil {
                problems.add(
                    node["security"] ?? node,
                    "unknown security \"\(text)\" (known: \(RequestStep.Security.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
        }
        let token = tokenChoice(node["token"])
        let headers = headerChanges(node, defined: defined)
        let repeatCount = node.integer("repeat", in: 1...1000, &problems) ?? 1
        var expect = Expectation()
        if let expectNode = node["expect"] { expect = expectation(expectNode, defined: defined) }
        var saved: [Capture] = []
        if let captureNode = node["capture"] { saved = captures(captureNode) }
        for capture in saved { defined.insert(capture.variable) }

        if node.has("admin") {
            if security != nil { problems.add(node["security"] ?? node, "an \"admin\" step is secured by the admin token") }
            security = .admin
            // The payer endpoints and the notification set-up name the partner: the step's, unless given.
            if !query.contains(where: { $0.name == "partner" }), let path = node["admin"]?.value.stringValue,
                !path.contains("partner="), let partnerTemplate = try? Template(parsing: "${partnerId}")
            {
                query.append((name: "partner", value: partnerTemplate))
            }
        }
        var eventually: Duration?
        if let step = node.clockStep("eventually", monthsAllowed: false, &problems), case .duration(let duration) = step {
            eventually = duration
        }
        guard let target else { return nil }
        var request = RequestStep(
            target: target, query: query, body: body, partner: partner, security: security, token: token,
            headers: headers, repeatCount: repeatCount, expect: expect, captures: saved)
        request.eventually = eventually
        return request
    }

    private mutating func target(_ node: ScenarioNode) -> RequestStep.Target? {
        if let serviceNode = node["service"] {
            if let method = node["method"] {
                problems.add(
                    method, "\"method\" goes with \"path\"; a service's method comes from the partner's profile")
            }
            guard case .string(let name) = serviceNode.value else {
                problems.add(serviceNode, "expected a service name or code, found \(serviceNode.value.typeName)")
                return nil
            }
            guard ServiceDescriptor.named(name) != nil else {
                let known = ServiceDescriptor.all.map(\.name).joined(separator: ", ")
                problems.add(serviceNode, "unknown service \"\(name)\" (known: \(known); or a two-digit code)")
                return nil
            }
            return .service(name)
        }
        // An admin step without a body reads (`{"admin": "/_sim/notifications"}`); one with a body posts.
        let defaultMethod = node.has("admin") && node["body"] == nil ? "GET" : "POST"
        let method = node.string("method", &problems)?.uppercased() ?? defaultMethod
        if method.isEmpty || !method.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) {
            problems.add(node["method"] ?? node, "\"\(method)\" is not an HTTP method such as GET or POST")
        }
        let pathKey = node.has("admin") ? "admin" : "path"
        guard let path = node.template(pathKey, &problems) else { return nil }
        guard path.description.hasPrefix("/") || path.description.hasPrefix("${") else {
            problems.add(node[pathKey] ?? node, "\"\(path)\" is not a path: start it with /")
            return nil
        }
        return .path(HTTPMethod(rawValue: method), path)
    }

    private mutating func tokenChoice(_ node: ScenarioNode?) -> RequestStep.TokenChoice {
        guard let node else { return .current }
        switch node.value {
        case .string("current"): return .current
        case .string("expired"): return .expired
        case .object:
            node.expectObject(allowed: ["partner"], &problems)
            if let partner = node.string("partner", required: true, &problems), !partner.isEmpty {
                return .ofPartner(partner)
            }
        default:
            problems.add(
                node,
                "expected \"current\", \"expired\" or {\"partner\": \"<client id>\"}, found \(node.value.compactText)")
        }
        return .current
    }

    private mutating func headerChanges(_ node: ScenarioNode, defined: Set<String>) -> HeaderChanges {
        var changes = HeaderChanges()
        if let omitNode = node["omitHeaders"] {
            for element in omitNode.elements(&problems) ?? [] {
                guard case .string(let name) = element.value, Self.isHeaderName(name) else {
                    problems.add(element, "expected a header name, found \(element.value.compactText)")
                    continue
                }
                changes.omit.append(name)
            }
        }
        if let setNode = node["setHeaders"] {
            for (name, valueNode) in setNode.members(&problems) ?? [] {
                guard Self.isHeaderName(name) else {
                    problems.add(valueNode, "\"\(name)\" is not a header name (letters, digits and !#$%&'*+-.^_`|~)")
                    continue
                }
                checkTemplates(in: valueNode, defined: defined)
                if let value = valueNode.asTemplate(&problems) { changes.set.append(.init(name: name, value: value)) }
            }
        }
        changes.tamperSignature = node.bool("tamperSignature", &problems) ?? false
        if let step = node.clockStep("skewTimestamp", monthsAllowed: false, &problems),
            case .duration(let duration) = step
        {
            changes.skewTimestamp = duration
        }
        changes.reuseExternalID = node.bool("reuseExternalId", &problems) ?? false
        return changes
    }

    /// An HTTP field name: one or more token characters (RFC 9110 §5.1).
    static func isHeaderName(_ name: String) -> Bool {
        !name.isEmpty
            && name.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || "!#$%&'*+-.^_`|~".utf8.contains(byte)
            }
    }
}
