import SimHTTP

/// The simulator's own endpoints under `/_sim/`: health, reset, clock and the request journal.
///
/// Everything but `GET /_sim/health` needs `Authorization: Bearer <admin token>`; the admin token is separate
/// from partner credentials so a partner's integration can never reset or inspect another team's state.
struct AdminAPI {
    static let prefix = "/_sim/"
    let simulator: Simulator

    func respond(to request: HTTPRequest) -> HTTPReply {
        let path = String(request.path)
        if path == "/_sim/health" {
            guard request.method == .get || request.method == .head else { return methodNotAllowed(request, allowed: "GET") }
            return json(200, ["status": "ok"])
        }
        guard let expected = simulator.options.adminToken, request.headers["Authorization"] == "Bearer \(expected)" else {
            let reply = error(
                401,
                "The admin API needs `Authorization: Bearer <admin token>`; `snapsim serve` prints the token at start (or set it with --admin-token)."
            )
            simulator.journalAdminRejection(request, reply: reply)
            return reply
        }
        switch path {
        case "/_sim/reset": return reset(request)
        case "/_sim/clock": return clock(request)
        case "/_sim/requests": return requests(request)
        case "/_sim/requests/count": return requestCount(request)
        default: return error(404, "No admin endpoint at \(request.method) \(path). See the README's admin API section.")
        }
    }

    // MARK: - Endpoints

    private func reset(_ request: HTTPRequest) -> HTTPReply {
        guard request.method == .post else { return methodNotAllowed(request, allowed: "POST") }
        let partner: String?
        do {
            partner = try parameter("partner", request)
        } catch {
            return error.reply
        }
        if let partner, simulator.fixtures.partners[partner] == nil {
            return error(404, "No partner \"\(partner)\" in the fixtures.")
        }
        simulator.reset(partner: partner)
        return json(200, ["reset": partner.map(JSONValue.string) ?? "all"])
    }

    private func clock(_ request: HTTPRequest) -> HTTPReply {
        switch request.method {
        case .get:
            return clockState()
        case .post:
            let usage = #"Send {"advance": "901s"} (units ms, s, m, h, d, mo) or {"set": "2026-01-31T23:59:00+07:00"}."#
            guard let body = try? JSONParser.parse(request.body).objectValue else { return error(400, usage) }
            if let text = body["advance"]?.stringValue {
                guard let step = ClockStep(text) else {
                    return error(400, "advance: \"\(text)\" is not a duration like 901s, 15m, 2h, 1d or 1mo.")
                }
                simulator.clock.set(step.applied(to: simulator.clock.now()))
            } else if let text = body["set"]?.stringValue {
                guard let timestamp = ISO8601Timestamp(text) else {
                    return error(400, "set: \"\(text)\" is not an ISO-8601 instant with a zone.")
                }
                simulator.clock.set(timestamp.time)
            } else {
                return error(400, usage)
            }
            return clockState()
        default:
            return methodNotAllowed(request, allowed: "GET, POST")
        }
    }

    private func clockState() -> HTTPReply {
        let mode: JSONValue = simulator.clock.mode == .fixed ? "fixed" : "real"
        return json(200, ["now": .string(simulator.clock.now().description), "mode": mode])
    }

    private func requests(_ request: HTTPRequest) -> HTTPReply {
        switch request.method {
        case .get:
            var entries = simulator.journalEntries(matching: filter(request))
            if let limit = request.queryValue("limit").flatMap(Int.init), limit >= 0 {
                entries = Array(entries.suffix(limit))
            }
            return json(200, ["count": .int(entries.count), "requests": .array(entries.map(\.json))])
        case .delete:
            let partner = request.queryValue("partner")
            simulator.clearJournal(partner: partner)
            return json(200, ["cleared": partner.map(JSONValue.string) ?? "all"])
        default:
            return methodNotAllowed(request, allowed: "GET, DELETE")
        }
    }

    private func requestCount(_ request: HTTPRequest) -> HTTPReply {
        guard request.method == .get else { return methodNotAllowed(request, allowed: "GET") }
        return json(200, ["count": .int(simulator.journalEntries(matching: filter(request)).count)])
    }

    // MARK: - Helpers

    private func filter(_ request: HTTPRequest) -> JournalFilter {
        JournalFilter(
            partner: request.queryValue("partner"), path: request.queryValue("path"),
            service: request.queryValue("service"), responseCode: request.queryValue("responseCode"),
            method: request.queryValue("method"))
    }

    /// A value from the query string or, failing that, a string member of the JSON body of the same name.
    private func parameter(_ name: String, _ request: HTTPRequest) throws(AdminFailure) -> String? {
        if let value = request.queryValue(name) { return value }
        guard !request.body.isEmpty else { return nil }
        guard let body = try? JSONParser.parse(request.body).objectValue else {
            throw AdminFailure(reply: error(400, "The body must be a JSON object."))
        }
        return body[name]?.stringValue
    }

    func json(_ status: Int, _ body: JSONValue) -> HTTPReply {
        let headers: HTTPHeaders = [
            "Content-Type": "application/json", "Date": HTTPDateFormat.imfFixdate(simulator.clock.now()),
        ]
        return .respond(HTTPResponse(status: HTTPStatus(code: status), headers: headers, body: body.compactBytes))
    }

    func error(_ status: Int, _ message: String) -> HTTPReply {
        json(status, ["error": .string(message)])
    }

    private func methodNotAllowed(_ request: HTTPRequest, allowed: String) -> HTTPReply {
        error(405, "\(request.method) is not allowed on \(request.path); use \(allowed).")
    }
}

/// A ready error reply, thrown out of a helper that found the request unusable.
struct AdminFailure: Error {
    let reply: HTTPReply
}
