import SimHTTP
import SimJSON
import Testing

@testable import SNAPSim

/// What a scenario runner needs from the admin API to give each scenario the start it has in-process, whatever
/// the server was started with: a partner's identifiers restarted from a seed of its choosing, and a clock it can
/// fix at an instant and hand back running afterwards.
@Suite struct AdminRunnerControlTests {
    static let adminToken = "admin-secret"

    static func simulator(seed: UInt64, clock: SimulatorClock) -> Simulator {
        var fixtures = LoadedFixtures.defaults
        fixtures.partners[TestPartner.alpha.id] = TestPartner.alpha.fixture
        return Simulator(
            fixtures: fixtures, options: SimulatorOptions(seed: seed, clock: clock, adminToken: adminToken))
    }

    static func admin(_ simulator: Simulator, _ method: HTTPMethod, _ target: String, body: String = "") throws
        -> (status: Int, json: JSONValue)
    {
        let request = HTTPRequest(
            method: method, target: target, headers: ["Authorization": "Bearer \(adminToken)"], body: Array(body.utf8))
        guard case .respond(let response) = simulator.respond(to: request).action else { throw Failure.noResponse }
        return (response.status.code, try JSONParser.parse(response.body))
    }

    /// An access token issued to partner-alpha (its value comes from the partner's identifier stream).
    static func token(_ simulator: Simulator) throws -> String {
        let answer = SecurityAnswer(simulator.respond(to: SecurityWorld().tokenRequest(.alpha)))
        #expect(answer.code == "2007300")
        return try #require(answer.body["accessToken"]?.stringValue)
    }

    enum Failure: Error { case noResponse }

    @Test func reset_WithASeed_GivesThePartnerTheSameIdentifiers_WhateverTheServersSeed() throws {
        let one = Self.simulator(seed: 1, clock: .fixed(at: SecurityWorld.start))
        let two = Self.simulator(seed: 2, clock: .fixed(at: SecurityWorld.start))
        #expect(try Self.token(one) != (try Self.token(two)))

        let target = "/_sim/reset?partner=\(TestPartner.alpha.id)&seed=7"
        let answer = try Self.admin(one, .post, target)
        #expect(answer.status == 200)
        #expect(answer.json[pointer: "/seed"] == "7")
        #expect(try Self.admin(two, .post, target).status == 200)
        let first = try Self.token(one)
        #expect(first == (try Self.token(two)))
        // The stream restarts on every such reset: the same first token again.
        #expect(try Self.admin(one, .post, target).status == 200)
        #expect(try Self.token(one) == first)
        // Without a seed a reset restarts from the server's own seed, as before.
        #expect(try Self.admin(two, .post, "/_sim/reset?partner=\(TestPartner.alpha.id)").status == 200)
        #expect(try Self.token(two) != first)

        let refused = try Self.admin(one, .post, "/_sim/reset?partner=\(TestPartner.alpha.id)&seed=-1")
        #expect(refused.status == 400)
        #expect(refused.json[pointer: "/error"]?.stringValue?.contains("seed") == true, "\(refused.json)")
    }

    @Test func clock_CanBeFixedAtAnInstant_ThenRunAgain_AndAFullResetRestoresItsMode() throws {
        let simulator = Self.simulator(seed: 1, clock: .real())
        #expect(try Self.admin(simulator, .get, "/_sim/clock").json[pointer: "/mode"] == "real")

        let fixed = try Self.admin(
            simulator, .post, "/_sim/clock", body: #"{"set":"2026-11-21T10:00:00+07:00","mode":"fixed"}"#)
        #expect(fixed.status == 200)
        #expect(fixed.json[pointer: "/mode"] == "fixed")
        #expect(fixed.json[pointer: "/now"] == "2026-11-21T10:00:00+07:00")
        // Fixed: it stays there until moved.
        #expect(simulator.clock.now() == ISO8601Timestamp("2026-11-21T10:00:00+07:00")?.time)
        let advanced = try Self.admin(simulator, .post, "/_sim/clock", body: #"{"advance":"901s"}"#)
        #expect(advanced.json[pointer: "/now"] == "2026-11-21T10:15:01+07:00")
        #expect(advanced.json[pointer: "/mode"] == "fixed")

        // `mode` alone switches at the current time.
        let running = try Self.admin(simulator, .post, "/_sim/clock", body: #"{"mode":"real"}"#)
        #expect(running.json[pointer: "/mode"] == "real")
        #expect(simulator.clock.mode == .real)

        let wrong = try Self.admin(
            simulator, .post, "/_sim/clock", body: #"{"set":"2026-11-21T10:00:00+07:00","mode":"frozen"}"#)
        #expect(wrong.status == 400)
        #expect(wrong.json[pointer: "/error"]?.stringValue?.contains("mode") == true, "\(wrong.json)")
        #expect(simulator.clock.mode == .real)

        // A full reset returns the clock to the mode it was made with.
        _ = try Self.admin(simulator, .post, "/_sim/clock", body: #"{"mode":"fixed"}"#)
        #expect(simulator.clock.mode == .fixed)
        #expect(try Self.admin(simulator, .post, "/_sim/reset").status == 200)
        #expect(simulator.clock.mode == .real)
    }

    @Test func putAccount_SetsUpACustomer_InOnePartnersLedgerOnly_UntilItsReset() throws {
        let simulator = Self.simulator(seed: 1, clock: .fixed(at: SecurityWorld.start))
        let alpha = "/_sim/accounts/081977817902?partner=\(TestPartner.alpha.id)"
        let changed = try Self.admin(
            simulator, .put, alpha, body: #"{"status":"blocked","tier":"premium","balance":"123.00"}"#)
        #expect(changed.status == 200, "\(changed.json)")
        #expect(changed.json[pointer: "/status"] == "blocked")
        #expect(changed.json[pointer: "/tier"] == "premium")
        #expect(changed.json[pointer: "/balance/value"] == "123.00")
        #expect(try Self.admin(simulator, .get, alpha).json[pointer: "/status"] == "blocked")
        // Another partner's ledger and the fixtures are untouched.
        let other = try Self.admin(simulator, .get, "/_sim/accounts/081977817902?partner=snapsim-demo")
        #expect(other.json[pointer: "/status"] == "active")
        #expect(try Self.admin(simulator, .get, "/_sim/accounts/081977817902").json[pointer: "/status"] == "active")

        // A new customer needs name, tier and balance.
        let newcomer = "/_sim/accounts/081700000001?partner=\(TestPartner.alpha.id)"
        let incomplete = try Self.admin(simulator, .put, newcomer, body: #"{"tier":"basic"}"#)
        #expect(incomplete.status == 400)
        #expect(incomplete.json[pointer: "/error"]?.stringValue?.contains("name, tier and balance") == true)
        let added = try Self.admin(
            simulator, .put, newcomer, body: #"{"name":"New Customer","tier":"basic","balance":"0.00"}"#)
        #expect(added.status == 200)
        #expect(added.json[pointer: "/name"] == "New Customer")

        // Each problem is named.
        for (body, named) in [
            (#"{"tier":"gold"}"#, "tier"), (#"{"colour":"red"}"#, "colour"), (#"{"balance":"12"}"#, "balance"),
            (#"{"status":"asleep"}"#, "status"),
        ] {
            let refused = try Self.admin(simulator, .put, alpha, body: body)
            #expect(refused.status == 400, "\(body)")
            #expect(refused.json[pointer: "/error"]?.stringValue?.contains(named) == true, "\(refused.json)")
        }
        let withoutPartner = try Self.admin(simulator, .put, "/_sim/accounts/081977817902", body: #"{"status":"x"}"#)
        #expect(withoutPartner.status == 400)

        // A reset of the partner brings back the fixtures' customer.
        #expect(try Self.admin(simulator, .post, "/_sim/reset?partner=\(TestPartner.alpha.id)").status == 200)
        #expect(try Self.admin(simulator, .get, alpha).json[pointer: "/status"] == "active")
        #expect(try Self.admin(simulator, .get, newcomer).status == 404)
    }
}
