import SimHTTP
import Testing
@testable import SNAPSim
import SimJSON

@Suite struct AdminAPITests {
    static let start = SimTime(millisecondsSince1970: 1_795_259_987_000)

    /// No fixture content but two partners, `p1` and `p2`, so the journal keeps a ring for each.
    func makeSimulator(journalCapacity: Int = 500) -> Simulator {
        var fixtures = LoadedFixtures()
        for id in ["p1", "p2"] {
            fixtures.partners[id] = Partner(clientId: id, name: id, clientSecret: "secret-\(id)", publicKey: TestKeys.alphaPublic)
        }
        return Simulator(
            fixtures: fixtures,
            options: SimulatorOptions(
                seed: 1, clock: .fixed(at: Self.start), adminToken: "admin-secret", journalCapacity: journalCapacity))
    }

    func call(_ simulator: Simulator, _ method: HTTPMethod, _ target: String, token: String? = "admin-secret", body: String = "")
        throws -> (status: Int, json: JSONValue)
    {
        var headers: HTTPHeaders = [:]
        if let token { headers["Authorization"] = "Bearer \(token)" }
        let reply = simulator.respond(to: HTTPRequest(method: method, target: target, headers: headers, body: Array(body.utf8)))
        guard case .respond(let response) = reply.action else { throw AdminTestError.noResponse }
        return (response.status.code, try JSONParser.parse(response.body))
    }

    enum AdminTestError: Error { case noResponse }

    @Test func health_IsPublic() throws {
        let result = try call(makeSimulator(), .get, "/_sim/health", token: nil)
        #expect(result.status == 200)
        #expect(result.json[pointer: "/status"] == "ok")
    }

    @Test func adminEndpoints_Return401AndAreJournaled_WhenTokenIsWrong() throws {
        let simulator = makeSimulator()
        #expect(try call(simulator, .post, "/_sim/reset", token: "guess").status == 401)
        #expect(try call(simulator, .get, "/_sim/clock", token: nil).status == 401)
        let journal = try call(simulator, .get, "/_sim/requests?service=admin")
        #expect(journal.json[pointer: "/count"] == 2)
        #expect(journal.json[pointer: "/requests/0/response/status"] == 401)
    }

    @Test func clock_AdvancesAndSets() throws {
        let simulator = makeSimulator()
        #expect(try call(simulator, .get, "/_sim/clock").json[pointer: "/now"] == "2026-11-21T18:19:47+07:00")
        let advanced = try call(simulator, .post, "/_sim/clock", body: #"{"advance":"901s"}"#)
        #expect(advanced.json[pointer: "/now"] == "2026-11-21T18:34:48+07:00")
        let set = try call(simulator, .post, "/_sim/clock", body: #"{"set":"2027-01-31T10:00:00+07:00"}"#)
        #expect(set.json[pointer: "/now"] == "2027-01-31T10:00:00+07:00")
        let month = try call(simulator, .post, "/_sim/clock", body: #"{"advance":"1mo"}"#)
        #expect(month.json[pointer: "/now"] == "2027-02-28T10:00:00+07:00")
        #expect(try call(simulator, .post, "/_sim/clock", body: #"{"advance":"soon"}"#).status == 400)
        // A step that would overflow simulator time is refused, not trapped on.
        #expect(try call(simulator, .post, "/_sim/clock", body: #"{"advance":"9223372036854775807d"}"#).status == 400)
    }

    @Test func reset_RestoresClockAndRejectsUnknownPartner() throws {
        let simulator = makeSimulator()
        _ = try call(simulator, .post, "/_sim/clock", body: #"{"advance":"1d"}"#)
        #expect(try call(simulator, .post, "/_sim/reset").status == 200)
        #expect(simulator.clock.now() == Self.start)
        #expect(try call(simulator, .post, "/_sim/reset?partner=nobody").status == 404)
    }

    @Test func journal_KeepsOnlyTheNewestEntriesPerPartner() throws {
        let simulator = makeSimulator(journalCapacity: 3)
        for index in 0..<5 {
            var headers: HTTPHeaders = ["X-PARTNER-ID": "p1"]
            headers["X-EXTERNAL-ID"] = String(index)
            _ = simulator.respond(to: HTTPRequest(method: .post, target: "/v1.0/nowhere/\(index)", headers: headers))
        }
        _ = simulator.respond(to: HTTPRequest(method: .post, target: "/v1.0/other", headers: ["X-PARTNER-ID": "p2"]))
        let p1 = try call(simulator, .get, "/_sim/requests?partner=p1")
        #expect(p1.json[pointer: "/count"] == 3)
        #expect(p1.json[pointer: "/requests/0/path"] == "/v1.0/nowhere/2")
        #expect(p1.json[pointer: "/requests/2/path"] == "/v1.0/nowhere/4")
        #expect(try call(simulator, .get, "/_sim/requests/count?path=/v1.0/other").json[pointer: "/count"] == 1)
        _ = try call(simulator, .delete, "/_sim/requests?partner=p1")
        #expect(try call(simulator, .get, "/_sim/requests/count?partner=p1").json[pointer: "/count"] == 0)
        #expect(try call(simulator, .get, "/_sim/requests/count?partner=p2").json[pointer: "/count"] == 1)
    }
}

@Suite struct UnroutableRequestTests {
    func answer(_ method: HTTPMethod, _ target: String) throws -> (status: Int, allow: String?, json: JSONValue) {
        let simulator = Simulator(fixtures: .defaults, options: SimulatorOptions(clock: .fixed(at: AdminAPITests.start)))
        guard case .respond(let response) = simulator.respond(to: HTTPRequest(method: method, target: target)).action else {
            throw AdminAPITests.AdminTestError.noResponse
        }
        return (response.status.code, response.headers["Allow"], try JSONParser.parse(response.body))
    }

    @Test func wrongMethodOnServedPath_Gets405WithAllow() throws {
        let result = try answer(.get, "/v1.0/balance-inquiry")
        #expect(result.status == 405)
        #expect(result.allow == "POST")
        #expect(result.json[pointer: "/responseCode"] == "4050000")
    }

    @Test func unknownPath_Gets404PointingToRoutes() throws {
        let result = try answer(.post, "/v1.0/no-such-service")
        #expect(result.status == 404)
        #expect(result.allow == nil)
        #expect(result.json[pointer: "/additionalInfo/explain/hint"]?.stringValue?.contains("snapsim routes") == true)
    }
}
