import SimHTTP

/// Turns an ``Outcome`` into HTTP: the SNAP envelope, `X-TIMESTAMP`, and a `Date` from simulator time.
struct ResponseRenderer {
    let fixtures: LoadedFixtures
    let explain: Bool

    func render(_ outcome: Outcome, for exchange: Exchange) -> HTTPReply {
        switch outcome {
        case .snap(let key, let fields, let delay):
            return reply(status: key.httpStatus, body: .object(envelope(key, placeholders: [:], exchange) + fields),
                at: exchange, delay: delay)
        case .rejected(let error, let delay):
            var body = envelope(error.key, placeholders: error.placeholders, exchange)
            if explain, let explanation = error.explanation {
                body["additionalInfo"] = .object(["explain": .object(explanation)])
            }
            var reply = reply(status: error.key.httpStatus, body: .object(body), at: exchange, delay: delay)
            if explain, let summary = error.explanation?["summary"]?.stringValue,
                case .respond(var response) = reply.action
            {
                response.headers["X-Snapsim-Explain"] = Self.headerSafe(summary)
                reply.action = .respond(response)
            }
            return reply
        case .plain(let status, let body, let delay):
            return reply(status: status, body: body, at: exchange, delay: delay)
        case .fault(let action, let delay):
            return HTTPReply(action, delay: delay)
        }
    }

    private func envelope(_ key: CaseKey, placeholders: [String: String], _ exchange: Exchange) -> JSONObject {
        SNAPEnvelope.body(key, service: exchange.route.serviceCode, placeholders: placeholders, catalogue: fixtures.catalogue)
    }

    private func reply(status: Int, body: JSONValue, at exchange: Exchange, delay: Duration) -> HTTPReply {
        var headers: HTTPHeaders = [
            "Content-Type": "application/json",
            "X-TIMESTAMP": ISO8601Timestamp.format(exchange.receivedAt, offsetMinutes: CivilDate.jakartaOffsetMinutes),
            "Date": HTTPDateFormat.imfFixdate(exchange.receivedAt),
        ]
        // ASPI: a token response echoes the client key it was issued to.
        if exchange.route.security == .accessToken, let clientKey = exchange.request.headers["X-CLIENT-KEY"] {
            headers["X-CLIENT-KEY"] = Self.headerSafe(clientKey)
        }
        return HTTPReply(.respond(HTTPResponse(status: HTTPStatus(code: status), headers: headers, body: body.compactBytes)),
            delay: delay)
    }

    /// The answer for a request no route takes: 405 with `Allow` when the path is served for other methods
    /// (SNAP's `405xx00 Requested Function Is Not Supported`), else 404, each saying where to look.
    static func unroutable(_ request: HTTPRequest, router: Router, at time: SimTime) -> HTTPReply {
        let allowed = router.entries.filter { $0.path == request.path }.map(\.method.rawValue)
        var headers: HTTPHeaders = ["Content-Type": "application/json", "Date": HTTPDateFormat.imfFixdate(time)]
        let status: HTTPStatus
        let body: JSONValue
        if allowed.isEmpty {
            status = .notFound
            body = [
                "responseCode": "4040000",
                "responseMessage": "Not Found",
                "additionalInfo": [
                    "explain": [
                        "summary": .string("No SNAP service is served at \(request.method) \(request.path)"),
                        "hint": "Run `snapsim routes` to list the paths each profile serves.",
                    ]
                ],
            ]
        } else {
            let methods = Array(Set(allowed)).sorted().joined(separator: ", ")
            status = .methodNotAllowed
            headers["Allow"] = methods
            body = [
                "responseCode": "4050000",
                "responseMessage": "Requested Function Is Not Supported",
                "additionalInfo": [
                    "explain": [
                        "summary": .string("\(request.path) is served for \(methods), not \(request.method)")
                    ]
                ],
            ]
        }
        return .respond(HTTPResponse(status: status, headers: headers, body: body.compactBytes))
    }

    /// Header values must stay on one line of visible ASCII.
    static func headerSafe(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F ? Character($0) : "?" })
    }
}

extension JSONObject {
    static func + (lhs: JSONObject, rhs: JSONObject) -> JSONObject {
        var result = lhs
        for member in rhs { result[member.key] = member.value }
        return result
    }
}
