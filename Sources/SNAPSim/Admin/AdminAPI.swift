import SimHTTP
import SimJSON

/// The simulator's own endpoints under `/_sim/`: health, reset, clock, the request journal, fixture swaps,
/// forced outcomes, scenario states and ledger views. The README's admin API section documents each.
///
/// Everything but `GET /_sim/health` needs `Authorization: Bearer <admin token>`; the admin token is separate
/// from partner credentials so a partner's integration can never reset or inspect another team's state.
/// Answers are JSON with members in a fixed order and lists sorted, so they are as deterministic as SNAP ones.
struct AdminAPI {
    static let prefix = "/_sim/"
    let simulator: Simulator

    func respond(to request: HTTPRequest) -> HTTPReply {
        let path = String(request.path)
        if path == "/_sim/health" {
            guard request.method == .get || request.method == .head else { return methodNotAllowed(request, allowed: "GET") }
            return json(200, ["status": "ok"])
        }
        if path == Self.inspectorPath { return inspector(request) }  // the page holds no data (issue 16)
        if path == Self.keysPath {  // public keys are public: no admin token
            do throws(AdminFailure) { return try keys(request) } catch { return error.reply }
        }
        if path == Self.openAPIPath {  // describes what any partner may call; holds no secret
            do throws(AdminFailure) { return try openAPI(request) } catch { return error.reply }
        }
        guard let expected = simulator.options.adminToken, request.headers["Authorization"] == "Bearer \(expected)" else {
            let reply = error(
                401,
                "The admin API needs `Authorization: Bearer <admin token>`; `snapsim serve` prints the token at start (or set it with --admin-token)."
            )
            simulator.journalAdminRejection(request, reply: reply)
            return reply
        }
        let reply = endpoint(path, request)
        // Flows the admin API drove (the payer's actions) may have drawn up notifications: send them now,
        // after the partner's lock is released (issue 14).
        if let partner = request.queryValue("partner"), simulator.fixtures.partners[partner] != nil {
            simulator.sendNotifications(of: partner)
        }
        return reply
    }

    private func endpoint(_ path: String, _ request: HTTPRequest) -> HTTPReply {
        do throws(AdminFailure) {
            switch path {
            case "/_sim/reset": return try reset(request)
            case "/_sim/clock": return try clock(request)
            case "/_sim/requests": return try requests(request)
            case "/_sim/requests/count": return try requestCount(request)
            case "/_sim/fixtures": return try fixtures(request)
            case "/_sim/faults": return try faults(request)
            case "/_sim/state": return try scenarioState(request)
            case Self.payerQRPath: return try payQR(request)
            case Self.payerVAPath: return try payerVirtualAccount(request)
            case Self.payerE2PayTopUpPath: return try payerE2PayTopUp(request)
            case Self.payerE2PayOutboxPath: return try payerE2PayOutbox(request)
            case Self.payerE2PayUpgradePath: return try payerE2PayUpgrade(request)
            case Self.payerDirectDebitPath, Self.payerBindingPath, Self.payerOTPPath: return try payerDirectDebit(request)
            case Self.payerSmilePayzPath: return try payerSmilePayz(request)
            case Self.partnersPath: return try partners(request)
            default:
                if path.hasPrefix(Self.notificationsPath) { return try notifications(request) }
                if Self.accountListPaths.contains(path) { return try accountList(request) }
                if path.hasPrefix(Self.accountsPrefix) { return try account(request) }
                return error(404, "No admin endpoint at \(request.method) \(path). See the README's admin API section.")
            }
        } catch {
            return error.reply
        }
    }

    // MARK: - Helpers shared by the endpoints

    /// A value from the query string or, failing that, a string member of the JSON body of the same name.
    func parameter(_ name: String, _ request: HTTPRequest) throws(AdminFailure) -> String? {
        if let value = request.queryValue(name) { return value }
        guard !request.body.isEmpty else { return nil }
        return try jsonBody(request).objectValue?[name]?.stringValue
    }

    /// The body as JSON; a 400 naming what to send when it is not.
    func jsonBody(_ request: HTTPRequest, usage: String = "") throws(AdminFailure) -> JSONValue {
        do {
            return try JSONParser.parse(request.body)
        } catch {
            throw AdminFailure(reply: self.error(400, "The body must be JSON: \(error).\(usage.isEmpty ? "" : " \(usage)")"))
        }
    }

    /// The `partner` parameter, which must name a partner of the fixtures; `nil` when absent and not `required`.
    func partner(_ request: HTTPRequest, required: Bool) throws(AdminFailure) -> String? {
        guard let partner = try parameter("partner", request) else {
            if required { throw AdminFailure(reply: error(400, "Name the partner: ?partner=<clientId>.")) }
            return nil
        }
        let known = simulator.fixtures.partners
        guard known[partner] != nil else {
            throw AdminFailure(reply: error(
                404, "No partner \"\(partner)\" in the fixtures (known: \(known.keys.sorted().joined(separator: ", ")))."))
        }
        return partner
    }

    /// An integer query parameter; a 400 when it is there but not a whole number in `range`.
    func integer(_ name: String, _ request: HTTPRequest, in range: ClosedRange<Int> = 0...Int.max) throws(AdminFailure) -> Int? {
        guard let text = request.queryValue(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw AdminFailure(reply: error(400, "\(name) must be a whole number from \(range.lowerBound), not \"\(text)\"."))
        }
        return value
    }

    func json(_ status: Int, _ body: JSONValue) -> HTTPReply {
        let headers: HTTPHeaders = [
            "Content-Type": "application/json", "Date": simulator.clock.now().httpDate,
        ]
        return .respond(HTTPResponse(status: HTTPStatus(code: status), headers: headers, body: body.compactBytes))
    }

    func error(_ status: Int, _ message: String) -> HTTPReply {
        json(status, ["error": .string(message)])
    }

    /// 422 with every problem, each with its file (for fixtures) and JSON pointer.
    func problems(_ message: String, _ problems: [FixtureProblem]) -> HTTPReply {
        json(422, [
            "error": .string(message),
            "problems": .array(problems.map { problem in
                [
                    "file": .string(problem.file), "pointer": .string(problem.pointer.description),
                    "message": .string(problem.message),
                ]
            }),
        ])
    }

    func methodNotAllowed(_ request: HTTPRequest, allowed: String) -> HTTPReply {
        error(405, "\(request.method) is not allowed on \(request.path); use \(allowed).")
    }

    /// A 405 thrown out of an endpoint.
    func notAllowed(_ request: HTTPRequest, allowed: String) -> AdminFailure {
        AdminFailure(reply: methodNotAllowed(request, allowed: allowed))
    }
}

/// A ready error reply, thrown out of a helper that found the request unusable.
struct AdminFailure: Error {
    let reply: HTTPReply
}
