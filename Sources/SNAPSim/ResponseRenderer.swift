import SimHTTP
import SimJSON

/// A rendered reply and the `responseCode` its body carries, so the journal need not parse the bytes again.
struct RenderedReply {
    var reply: HTTPReply
    var responseCode: String?
}

/// Turns an ``Outcome`` into HTTP: the SNAP envelope, `X-TIMESTAMP`, and a `Date` from simulator time.
struct ResponseRenderer {
    let fixtures: LoadedFixtures
    let explain: Bool

    func render(_ outcome: Outcome, for exchange: Exchange) -> RenderedReply {
        switch outcome {
        case .snap(let key, let fields, let delay):
            return reply(status: key.httpStatus, body: .object(shaped(envelope(key, placeholders: [:], exchange) + fields, exchange)),
                at: exchange, delay: delay)
        case .rejected(let error, let delay):
            var body = envelope(error.key, placeholders: error.placeholders, exchange)
            if explain, let explanation = error.explanation {
                body["additionalInfo"] = .object(["explain": .object(explanation)])
            }
            var rendered = reply(status: error.key.httpStatus, body: .object(shaped(body, exchange)), at: exchange, delay: delay)
            if explain, let summary = error.explanation?["summary"]?.stringValue,
                case .respond(var response) = rendered.reply.action
            {
                response.headers["X-Snapsim-Explain"] = Self.headerSafe(summary)
                rendered.reply.action = .respond(response)
            }
            return rendered
        case .plain(let status, let body, let delay):
            return reply(status: status, body: body, at: exchange, delay: delay)
        case .fault(let action, let delay):
            return RenderedReply(reply: HTTPReply(action, delay: delay), responseCode: nil)
        }
    }

    /// The envelope with the message of `key` and the response code the profile prints for it (BCA writes
    /// `4001101` for Invalid Mandatory Field).
    private func envelope(_ key: CaseKey, placeholders: [String: String], _ exchange: Exchange) -> JSONObject {
        var body = SNAPEnvelope.body(
            key, service: exchange.route.serviceCode, placeholders: placeholders, catalogue: fixtures.catalogue)
        let printed = exchange.route.dialect.printedKey(key)
        if printed != key {
            body["responseCode"] = .string(ResponseCode(printed, service: exchange.route.serviceCode).description)
        }
        exchange.route.dialect.envelope.apply(to: &body, key, service: exchange.route.serviceCode)
        return body
    }

    /// Only the members the profile's SDK accepts, when the route lists them (DOKU's models refuse others).
    private func shaped(_ body: JSONObject, _ exchange: Exchange) -> JSONObject {
        guard let kept = exchange.route.dialect.responseFields else { return body }
        return JSONObject(body.members.filter {
            $0.key == "responseCode" || $0.key == "responseMessage" || kept.contains($0.key)
        }.map { ($0.key, $0.value) })
    }

    private func reply(status: Int, body: JSONValue, at exchange: Exchange, delay: Duration) -> RenderedReply {
        var headers: HTTPHeaders = [
            "Content-Type": "application/json",
            "X-TIMESTAMP": ISO8601Timestamp.format(exchange.receivedAt, offsetMinutes: CivilDate.jakartaOffsetMinutes),
            "Date": exchange.receivedAt.httpDate,
        ]
        // ASPI: a token response echoes the client key it was issued to.
        if exchange.route.security == .accessToken, let clientKey = exchange.request.headers["X-CLIENT-KEY"] {
            headers["X-CLIENT-KEY"] = Self.headerSafe(clientKey)
        }
        let response = HTTPResponse(status: HTTPStatus(code: status), headers: headers, body: body.compactBytes)
        return RenderedReply(
            reply: HTTPReply(.respond(response), delay: delay), responseCode: body[pointer: "/responseCode"]?.stringValue)
    }

    /// The answer for a request no route takes: 405 with `Allow` when the path is served for other methods
    /// (SNAP's `405xx00 Requested Function Is Not Supported`), else 404, each saying where to look.
    static func unroutable(_ request: HTTPRequest, router: Router, at time: SimTime) -> RenderedReply {
        let allowed = router.entries.filter { $0.path == request.path }.map(\.method.rawValue)
        var headers: HTTPHeaders = ["Content-Type": "application/json", "Date": time.httpDate]
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
        return RenderedReply(
            reply: .respond(HTTPResponse(status: status, headers: headers, body: body.compactBytes)),
            responseCode: body[pointer: "/responseCode"]?.stringValue)
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
