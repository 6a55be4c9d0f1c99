import SimJSON

/// The `responses` of one route: every HTTP status the route can answer, each with the response codes it
/// carries, read from the catalogue of reachable answers (``ReachableCode``, the `snapsim codes` listing) and
/// written by the one renderer in the route's dialect, so the printed codes (BCA's swaps), the envelope
/// (SmilePayz's `code`/`message`) and the member filter (DOKU) are those a client receives.
struct ResponseSchemas {
    let fixtures: LoadedFixtures

    /// What one HTTP status can carry.
    private struct StatusAnswers {
        /// Rendered bodies of the SNAP-enveloped answers at this status.
        var bodies: [JSONObject] = []
        /// Whether an answer at this status is not enveloped (a rule's own body, a plain success).
        var free = false
        /// Conditions, for the description.
        var how: [String] = []
    }

    /// The route's `responses` object, statuses in ascending order.
    func responses(for entry: Router.Entry) -> JSONValue {
        var statuses: [Int: StatusAnswers] = [:]
        // Where profiles share a path, a request naming no partner of this profile is answered by another
        // profile's route (the default's): its answers belong to this path too.
        let candidates = fixtures.router.routes(method: entry.method, path: entry.path[...])
        for candidate in candidates.isEmpty ? [entry.route] : candidates {
            collect(candidate, into: &statuses)
        }
        var responses = JSONObject()
        for status in statuses.keys.sorted() {
            responses[String(status)] = response(status, statuses[status] ?? StatusAnswers())
        }
        return .object(responses)
    }

    private func collect(_ route: Route, into statuses: inout [Int: StatusAnswers]) {
        guard let service = ServiceDescriptor.named(route.serviceName) else { return }
        let renderer = ResponseRenderer(fixtures: fixtures, explain: false)
        var floating: [String] = []
        for code in ReachableCode.list(for: service, fixtures: fixtures) {
            guard let status = code.httpStatus else {
                // A rule's amendment keeping the normal status: its code may come with any of them.
                if let responseCode = code.responseCode { floating.append(responseCode) }
                continue
            }
            statuses[status, default: StatusAnswers()].how.append(
                "\(code.responseCode.map { $0 + " " } ?? "")\(code.message) — \(code.how)")
            guard let responseCode = code.responseCode, route.security != .e2pay else {
                if route.security == .e2pay, let responseCode = code.responseCode {
                    statuses[status]?.bodies.append(["responseCode": .string(responseCode), "responseMessage": .string(code.message)])
                } else {
                    statuses[status]?.free = true
                }
                continue
            }
            let key = CaseKey(httpStatus: status, caseCode: String(responseCode.suffix(2)))
            let outcome: Outcome = status < 300 ? .snap(key: key, fields: [:]) : .rejected(SNAPError(key))
            guard let (renderedStatus, body) = renderer.body(of: outcome, route), let object = body.objectValue else {
                continue
            }
            statuses[renderedStatus, default: StatusAnswers()].bodies.append(object)
        }
        for responseCode in floating {
            for status in statuses.keys where !(statuses[status]?.bodies.isEmpty ?? true) {
                statuses[status]?.bodies.append(["responseCode": .string(responseCode)])
            }
        }
    }

    private func response(_ status: Int, _ answers: StatusAnswers) -> JSONValue {
        var schema: JSONObject = ["type": "object"]
        if !answers.free, !answers.bodies.isEmpty {
            let envelope = ["responseCode", "responseMessage", "code", "message"]
            let required = envelope.filter { name in answers.bodies.allSatisfy { $0[name] != nil } }
            if !required.isEmpty { schema["required"] = .array(required.map(JSONValue.string)) }
            var properties = JSONObject()
            for name in envelope where answers.bodies.contains(where: { $0[name] != nil }) {
                if name.hasSuffix("essage") || name == "message" {
                    properties[name] = ["type": "string"]
                } else {
                    let values = Set(answers.bodies.compactMap { $0[name]?.stringValue }).sorted()
                    properties[name] = ["type": "string", "enum": .array(values.map(JSONValue.string))]
                }
            }
            schema["properties"] = .object(properties)
        }
        var content: JSONObject = ["schema": .object(schema)]
        if let example = answers.bodies.first(where: { $0["responseMessage"] != nil || $0["message"] != nil }) {
            content["example"] = .object(example)
        }
        return [
            "description": .string(Self.reason(status) + ":\n" + Self.unique(answers.how).map { "- " + $0 }.joined(separator: "\n")),
            "headers": [
                "X-TIMESTAMP": ["$ref": "#/components/headers/X-TIMESTAMP"],
                "X-Snapsim-Explain": ["$ref": "#/components/headers/X-Snapsim-Explain"],
            ],
            "content": ["application/json": .object(content)],
        ]
    }

    private static func unique(_ texts: [String]) -> [String] {
        var seen = Set<String>()
        return texts.filter { seen.insert($0).inserted }
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 202: "Accepted"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 504: "Gateway Timeout"
        default: "HTTP \(status)"
        }
    }
}
