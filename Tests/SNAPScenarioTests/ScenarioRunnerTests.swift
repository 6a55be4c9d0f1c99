import SNAPScenario
import SNAPSim
import Testing

/// The runner must be able to fail: wrong expectations, missing captures and impossible steps are failures.
@Suite struct ScenarioRunnerTests {
    static func inquiry(_ expect: String, extra: String = "") -> String {
        #"{"service": "emoney-account-inquiry", "body": \#(Bodies.inquiry), \#(extra) "expect": \#(expect)}"#
    }

    @Test func runner_FailsTheScenario_WhenAnExpectationIsNotMet() async throws {
        let json =
            #"{"name": "wrong", "steps": [\#(Self.inquiry(#"{"status": 401, "responseCode": "4013700"}"#)), {"advanceClock": "1s"}]}"#
        let summary = try await ScenarioHarness.run(json)
        let result = try #require(summary.results.first)
        #expect(!result.passed)
        #expect(summary.tally == "0 passed, 1 failed")
        let failure = try #require(result.steps.first?.failure)
        #expect(failure.mismatches.contains(Mismatch(subject: "status", expected: "401", actual: "200")))
        #expect(
            failure.mismatches.contains(
                Mismatch(subject: "/responseCode", expected: #""4013700""#, actual: #""2003700""#)))
        #expect(failure.request?.target == "/v1.0/emoney/account-inquiry")
        #expect(failure.response?.status == 200)
        #expect(result.steps.map(\.outcome) == [.failed, .notRun])
    }

    @Test func runner_Passes_WhenEveryExpectationHolds() async throws {
        let json =
            #"{"name": "right", "steps": [\#(Self.inquiry(#"{"status": 200, "responseCode": "2003700", "json": {"/maxAmount/value": {"gt": 1000000, "lte": "1850000.00"}}}"#))]}"#
        let summary = try await ScenarioHarness.run(json)
        #expect(summary.allPassed)
        #expect(summary.results.first?.steps.first?.summary == "HTTP 200 2003700")
    }

    @Test func runner_Fails_WhenACapturedFieldIsMissing() async throws {
        let json =
            #"{"name": "capture", "steps": [\#(Self.inquiry("{}", extra: #""capture": {"x": "/noSuchField"},"#))]}"#
        let failure = try #require(try await ScenarioHarness.run(json).results.first?.failure?.failure)
        #expect(failure.message == "capture ${x}: the answer's body has no /noSuchField")
    }

    @Test func runner_Fails_WhenTheTokenIsNotExpiredYet() async throws {
        let json =
            #"{"name": "early", "steps": [\#(Self.inquiry("{}")), {"advanceClock": "899s"}, \#(Self.inquiry("{}", extra: #""token": "expired","#))]}"#
        let result = try #require(try await ScenarioHarness.run(json).results.first)
        #expect(result.steps.map(\.outcome) == [.passed, .passed, .failed])
        #expect(result.failure?.failure?.message?.contains("is valid until 2026-11-21T10:15:00+07:00") == true)
    }

    @Test func runner_Fails_WhenReusingAnExternalIDThatWasNeverSent() async throws {
        let json = #"{"name": "reuse", "steps": [\#(Self.inquiry("{}", extra: #""reuseExternalId": true,"#))]}"#
        let failure = try #require(try await ScenarioHarness.run(json).results.first?.failure?.failure)
        #expect(failure.message == "reuseExternalId: snapsim-demo has sent no X-EXTERNAL-ID yet in this scenario")
    }

    @Test func runner_Fails_WhenTheMinimumDelayIsNotReached() async throws {
        let json = #"{"name": "fast", "steps": [\#(Self.inquiry(#"{"minDelay": "3s"}"#))]}"#
        let failure = try #require(try await ScenarioHarness.run(json).results.first?.failure?.failure)
        #expect(failure.mismatches == [Mismatch(subject: "delay", expected: "at least 3s", actual: "0ms")])
    }

    @Test func runner_ReportsEveryFailedRepetition_WithItsNumber() async throws {
        // The 11th inquiry of the day is refused, so the 11th repetition is the one that fails.
        let json = #"{"name": "repeat", "steps": [\#(Self.inquiry(#"{"status": 200}"#, extra: #""repeat": 11,"#))]}"#
        let failure = try #require(try await ScenarioHarness.run(json).results.first?.failure?.failure)
        #expect(failure.message == "repetition 11 of 11 did not meet the expectations")
        #expect(failure.mismatches.first == Mismatch(subject: "status", expected: "200", actual: "403"))
    }

    @Test func runner_StartsEachScenarioFromFreshState_SoOrderNeverMatters() async throws {
        let topUp = #"""
            {"name": "top up", "steps": [{"service": "emoney-topup", "body": {"partnerReferenceNo": "F-1", "customerNumber": "081977817902", "amount": {"value": "50000.00", "currency": "IDR"}}, "expect": {"status": 200}}]}
            """#
        let check = #"""
            {"name": "check", "fixtures": {"customers": {"081977817902": {"balance": "1000000.00"}}},
             "steps": [{"service": "balance-limit-check", "query": {"accountId": "081977817902"}, "expect": {"json": {"/sisaTopup": 1000000.00}}}]}
            """#
        let plain = #"""
            {"name": "plain", "steps": [{"service": "balance-limit-check", "query": {"accountId": "081977817902"}, "expect": {"json": {"/sisaTopup": 1850000.00}}}]}
            """#
        for order in [[topUp, check, plain], [plain, check, topUp], [check, topUp, plain]] {
            let summary = try await ScenarioHarness.run(#"{"scenarios": [\#(order.joined(separator: ","))]}"#)
            #expect(summary.allPassed, "order \(summary.results.map(\.scenario.name))")
        }
    }

    @Test func runner_SubstitutesCapturedValues_KeepingTheirJSONType() async throws {
        let json = #"""
            {"name": "types", "variables": {"customer": "081977817902"}, "steps": [
              {"service": "emoney-account-inquiry",
               "body": {"partnerReferenceNo": "T-1", "customerNumber": "${customer}", "amount": {"value": "10000.00", "currency": "IDR"}, "transactionDate": "${now}"},
               "capture": {"max": "/maxAmount"}},
              {"service": "emoney-topup", "body": {"partnerReferenceNo": "T-${runId}", "customerNumber": "${customer}", "amount": "${max}"},
               "expect": {"status": 200, "json": {"/amount": {"value": "1850000.00", "currency": "IDR"}, "/partnerReferenceNo": "T-00000000"}}},
              {"service": "balance-limit-check", "query": {"accountId": "${customer}"}, "expect": {"json": {"/sisaTopup": 0}}}
            ]}
            """#
        let summary = try await ScenarioHarness.run(json)
        #expect(summary.allPassed, "\(summary.results.first?.failure.map(ConsoleReporter.lines) ?? [])")
    }

    @Test func runner_RefusesScenarios_ThatNameAPartnerOrTierTheFixturesLack() throws {
        let json = #"""
            {"scenarios": [
              {"name": "who", "partner": "nobody", "steps": [{"service": "balance-inquiry"}]},
              {"name": "tier", "fixtures": {"customers": {"081234560001": {"tier": "gold"}}}, "steps": [{"service": "balance-inquiry", "token": {"partner": "ghost"}}]}
            ]}
            """#
        let scenarios = try ScenarioHarness.scenarios(json)
        do {
            _ = try ScenarioRunner(configuration: RunConfiguration(fixtures: .defaults), scenarios: scenarios)
            Issue.record("the runner accepted an unknown partner")
        } catch {
            #expect(
                error.problems.map(\.pointer.description) == [
                    "/scenarios/0/partner", "/scenarios/1/fixtures/customers/081234560001/tier",
                    "/scenarios/1/steps/0/token",
                ])
            #expect(error.problems.first?.message.hasPrefix("no partner nobody in the fixtures") == true)
        }
    }

    @Test func runner_RefusesAPartnerWithoutPrivateKey() throws {
        var fixtures = LoadedFixtures.defaults
        fixtures.partners["snapsim-demo-2"]?.privateKey = nil
        let scenarios = try ScenarioHarness.scenarios(
            #"{"name": "k", "partner": "snapsim-demo-2", "steps": [{"service": "balance-inquiry"}]}"#)
        #expect(throws: ScenarioLoadError.self) {
            try ScenarioRunner(configuration: RunConfiguration(fixtures: fixtures), scenarios: scenarios)
        }
    }

    @Test func credentials_ActAsAnotherPartner_WhereScenariosActAsTheDemoPartner() async throws {
        let json =
            #"{"name": "as someone else", "steps": [\#(Self.inquiry(#"{"status": 200}"#, extra: #""capture": {"who": {"requestHeader": "X-PARTNER-ID"}},"#)), {"service": "balance-inquiry", "body": {"accountNo": "12345678", "partnerReferenceNo": "${who}"}, "expect": {"json": {"/partnerReferenceNo": "snapsim-demo-2"}}}]}"#
        var configuration = RunConfiguration(fixtures: .defaults)
        configuration.credentials = PartnerCredentials(partnerID: "snapsim-demo-2")
        #expect(try await ScenarioHarness.run(json, configuration: configuration).allPassed)

        // A wrong client secret signs wrongly, and the provider says so.
        configuration.credentials = PartnerCredentials(partnerID: "snapsim-demo-2", clientSecret: "not-the-secret")
        let failure = try #require(
            try await ScenarioHarness.run(json, configuration: configuration).results.first?.failure?.failure)
        #expect(failure.mismatches.first == Mismatch(subject: "status", expected: "200", actual: "401"))
    }
}
