import SimHTTP
import Testing

@testable import SNAPSim
import SimJSON

/// Scenario state (WireMock-style): the default fixtures' ASYNC-/TIMED- top-ups, `GET`/`PUT /_sim/state`,
/// and how scenario fields of rules are validated.
@Suite struct ScenarioStateTests {
    let world = ControlWorld()

    private func topUp(_ token: String, reference: String, customer: String = "081234560001") -> SecurityAnswer {
        world.send(world.transaction(.alpha, token: token, ControlWorld.topUpPath, Bodies.topUp(customer, amount: "50000.00", reference: reference)))
    }

    private func status(_ token: String, reference: String) -> SecurityAnswer {
        world.send(world.transaction(.alpha, token: token, ControlWorld.topUpStatusPath, Bodies.topUpStatus(partnerReference: reference)))
    }

    @Test func asyncTopUp_AnswersInProgress_ThenPendingForTwoPolls_ThenSuccess() throws {
        let token = try world.token(for: .alpha)
        let accepted = topUp(token, reference: "ASYNC-1")
        #expect(accepted.status == 202)
        #expect(accepted.code == "2023800")
        #expect(accepted.message == "Request In Progress")
        let polls = (0..<3).map { _ in status(token, reference: "ASYNC-1") }
        #expect(polls.map { $0.body["latestTransactionStatus"]?.stringValue } == ["03", "03", "00"])
        #expect(polls[2].body["transactionStatusDesc"] == "Success")
        #expect(polls[2].body["amount"] == .amount("50000.00"))
        // The journal names the rule that decided each answer.
        let journal = try world.admin(.get, "/_sim/requests?partner=partner-alpha&path=/v1.0/emoney")
        let rules = journal["/requests"]?.arrayValue?.map { $0[pointer: "/matchedRule"] }
        #expect(rules == ["async-topup-accepted", "async-topup-pending", "async-topup-pending", .null])
    }

    @Test func timedTopUp_StaysPending_UntilTheClockPassesFiveMinutes() throws {
        let token = try world.token(for: .alpha)
        #expect(topUp(token, reference: "TIMED-1").code == "2023800")
        #expect(status(token, reference: "TIMED-1").body["latestTransactionStatus"] == "03")
        world.clock.advance(by: .seconds(299))
        #expect(status(token, reference: "TIMED-1").body["latestTransactionStatus"] == "03")
        let state = try world.admin(.get, "/_sim/state?partner=partner-alpha")
        #expect(state["/scenarios/1/scenario"] == "timed-topup")
        #expect(state["/scenarios/1/state"] == "Pending")
        #expect(state["/scenarios/1/expires/setState"] == "Settled")
        world.clock.advance(by: .seconds(1))
        #expect(try world.admin(.get, "/_sim/state?partner=partner-alpha")["/scenarios/1/state"] == "Settled")
        #expect(status(token, reference: "TIMED-1").body["latestTransactionStatus"] == "00")
    }

    @Test func states_ArePerPartner_AndResetWithThePartner() throws {
        let alpha = try world.token(for: .alpha)
        let beta = try world.token(for: .beta)
        #expect(topUp(alpha, reference: "ASYNC-7").code == "2023800")
        // Beta's own ASYNC- reference is unknown to it (07) and its scenario never left Started: no pending patch.
        let betaStatus = world.send(world.transaction(.beta, token: beta, ControlWorld.topUpStatusPath, Bodies.topUpStatus(partnerReference: "ASYNC-7")))
        #expect(betaStatus.body["latestTransactionStatus"] == "07")
        #expect(try world.admin(.get, "/_sim/state?partner=partner-beta")["/scenarios/0/state"] == "Started")
        #expect(try world.admin(.get, "/_sim/state?partner=partner-alpha")["/scenarios/0/state"] == "Pending")
        try world.admin(.post, "/_sim/reset?partner=partner-alpha")
        #expect(try world.admin(.get, "/_sim/state?partner=partner-alpha")["/scenarios/0/state"] == "Started")
    }

    @Test func putState_MovesAScenario_AndRefusesUnknownNames() throws {
        let token = try world.token(for: .alpha)
        #expect(topUp(token, reference: "ASYNC-2").code == "2023800")
        let set = try world.admin(.put, "/_sim/state?partner=partner-alpha", ["scenarios": ["async-topup": "Settled"]])
        #expect(set.status == 200)
        #expect(set["/scenarios/0/state"] == "Settled")
        #expect(status(token, reference: "ASYNC-2").body["latestTransactionStatus"] == "00")

        let wrong = try world.admin(.put, "/_sim/state?partner=partner-alpha", ["scenarios": ["async-topup": "Setled", "nope": "Started"]])
        #expect(wrong.status == 422)
        #expect(wrong["/problems"]?.arrayValue?.count == 2)
        #expect(wrong["/problems/0/message"]?.stringValue?.contains("Pending, Settled") == true)
        #expect(try world.admin(.get, "/_sim/state?partner=partner-alpha")["/scenarios/0/state"] == "Settled")
        #expect(try world.admin(.put, "/_sim/state", ["scenarios": ["async-topup": "Started"]]).status == 400)
        #expect(try world.admin(.get, "/_sim/state?partner=nobody").status == 404)
    }

    @Test func scenarioFields_AreValidatedAtLoad() {
        let rules = #"""
            {"rules": [
              {"id": "a", "whenState": "X", "when": {"service": "balance-inquiry"}, "then": {"case": "500xx00"}},
              {"id": "b", "scenario": "s", "when": {"service": "balance-inquiry"}, "then": {"case": "500xx00"}},
              {"id": "c", "scenario": "s", "whenState": "X", "setStateAfterMatches": 2, "when": {"service": "balance-inquiry"}, "then": {"case": "500xx00"}},
              {"id": "d", "scenario": "s", "setState": "Y", "stateExpiry": {"after": "soon", "setState": "Z"}, "when": {"service": "balance-inquiry"}, "then": {"case": "500xx00"}}
            ]}
            """#
        let problems = Self.problems(DefaultFixtures.files + [("zz.json", rules)])
        #expect(problems.contains { $0.contains("/rules/0/scenario") && $0.contains("missing required string") })
        #expect(problems.contains { $0.contains("/rules/1/scenario") && $0.contains("whenState, setState or both") })
        #expect(problems.contains { $0.contains("/rules/2/setStateAfterMatches") })
        #expect(problems.contains { $0.contains("/rules/3/stateExpiry/after") && $0.contains("\"soon\"") })
        #expect(problems.count == 4)
    }

    /// Every problem loading `files` reports; empty when they load.
    private static func problems(_ files: [(path: String, contents: String)]) -> [String] {
        do {
            _ = try LoadedFixtures.load(files: files)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test func scenarioStates_MoveOnTheNthAnswer_AndExpireLazily() {
        var states = ScenarioStates()
        let step = ScenarioTransition(scenario: "s", whenState: "A", setState: "B", setStateAfterMatches: 3)
        let t0 = SimTime(millisecondsSince1970: 0)
        #expect(!states.allows(step))
        states.move("s", to: "A", at: t0)
        #expect(states.allows(step))
        states.recordAnswer(of: "r", step: step, at: t0)
        states.recordAnswer(of: "r", step: step, at: t0)
        #expect(states.state(of: "s") == "A")
        states.recordAnswer(of: "r", step: step, at: t0)
        #expect(states.state(of: "s") == "B")

        let timed = ScenarioTransition(scenario: "t", setState: "P", expiry: StateExpiry(after: .duration(.seconds(60)), setState: "Q"))
        states.recordAnswer(of: "x", step: timed, at: t0)
        states.settle(at: t0 + .seconds(59))
        #expect(states.state(of: "t") == "P")
        states.settle(at: t0 + .seconds(60))
        #expect(states.state(of: "t") == "Q")
        #expect(states.position(of: "t").since == t0 + .seconds(60))
    }
}
