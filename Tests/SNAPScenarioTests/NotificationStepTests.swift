import SNAPScenario
import SNAPSim
import SimServer
import Testing

/// Notification steps must be able to fail: a notification that never comes, one whose signature does not verify,
/// the wrong count or order, a timestamp off the simulator clock; and they are usable against a live server.
@Suite struct NotificationStepTests {
    static let payVA = #"""
        {"name": "pay", "admin": "/_sim/payer/va",
         "body": {"virtualAccountNo": "  08889900000000000000000002", "amount": "20000.00", "paymentRequestId": "P-1"},
         "expect": {"status": 201}}
        """#

    static func scenario(_ steps: String...) -> String {
        #"{"name": "n", "steps": ["# + steps.joined(separator: ",") + "]}"
    }

    @Test func missingNotification_Fails_NamingWhatWasExpectedAndWhatArrived() async throws {
        let summary = try await ScenarioHarness.run(Self.scenario(
            Self.payVA, #"{"expectNotifications": {"kind": "va-payment"}}"#,
            #"{"expectNotifications": {"kind": "transfer", "timeout": "300ms"}}"#))
        let result = try #require(summary.results.first)
        #expect(!result.passed)
        let failure = try #require(result.steps.last?.failure)
        #expect(failure.mismatches.contains(Mismatch(
            subject: "notifications (kind transfer)", expected: "at least 1 within 300ms", actual: "0")))
        let arrivals = try #require(failure.message)
        #expect(arrivals.contains("#1 va-payment for snapsim-demo: POST /v1.0/transfer-va/notify-payment-intrabank"))
        #expect(arrivals.contains("valid signature"))
    }

    @Test func badSignature_FailsTheDefaultSignatureCheck() async throws {
        let summary = try await ScenarioHarness.run(Self.scenario(
            #"{"admin": "/_sim/notifications/faults", "body": {"fault": "bad-signature"}, "expect": {"status": 200}}"#,
            Self.payVA, #"{"expectNotifications": {"kind": "va-payment", "count": 1}}"#))
        let result = try #require(summary.results.first)
        #expect(!result.passed)
        let mismatch = try #require(result.steps.last?.failure?.mismatches.first)
        #expect(mismatch.subject == "notification #1 signature")
        #expect(mismatch.expected == "valid")
        #expect(mismatch.actual.hasPrefix("invalid: SHA256withRSA over POST:/v1.0/transfer-va/notify-payment-intrabank:"))
    }

    @Test func goodSignature_FailsAnExpectationOfABadOne() async throws {
        let summary = try await ScenarioHarness.run(Self.scenario(
            Self.payVA, #"{"expectNotifications": {"kind": "va-payment", "signature": "invalid"}}"#))
        let mismatch = try #require(summary.results.first?.steps.last?.failure?.mismatches.first)
        #expect(mismatch.subject == "notification #1 signature")
        #expect(mismatch.actual.hasPrefix("valid: SHA256withRSA with published key snapsim-provider"))
    }

    @Test func countOrderFieldsAndTime_EachFail_WhenWrong() async throws {
        let summary = try await ScenarioHarness.run(Self.scenario(
            Self.payVA, #"{"expectNotifications": {"kind": "va-payment"}}"#, #"{"advanceClock": "10s"}"#,
            #"""
            {"expectNotifications": {"kind": "va-payment", "count": 2, "timeout": "300ms", "within": "5s",
             "json": {"/paymentRequestId": "P-2"}, "order": [{"json": {"/latestTransactionStatus": "03"}}, {}]}}
            """#))
        let failure = try #require(summary.results.first?.steps.last?.failure)
        let subjects = failure.mismatches.map(\.subject)
        #expect(subjects.contains("notifications (kind va-payment)"))
        #expect(subjects.contains("notification #1 /paymentRequestId"))
        #expect(subjects.contains("notification #1 /latestTransactionStatus"))
        #expect(subjects.contains("notification #1 X-TIMESTAMP"))
        let stamp = try #require(failure.mismatches.first { $0.subject == "notification #1 X-TIMESTAMP" })
        #expect(stamp.actual == "2026-11-21T10:00:00+07:00, 10s away")
    }

    @Test func receiverAnswer_500_IsRetriedOnTheSimulatorClock() async throws {
        let summary = try await ScenarioHarness.run(Self.scenario(
            #"{"answerNotifications": {"status": 500}}"#, Self.payVA,
            #"{"expectNotifications": {"count": 1, "within": "0s"}}"#, #"{"advanceClock": "4s"}"#,
            #"{"expectNotifications": {"count": 1}}"#, #"{"advanceClock": "1s"}"#,
            #"{"expectNotifications": {"count": 2, "order": [{"headers": {"X-TIMESTAMP": "2026-11-21T10:00:00+07:00"}}, {"headers": {"X-TIMESTAMP": "2026-11-21T10:00:05+07:00"}}]}}"#,
            #"{"expectNotifications": {"count": 1, "timeout": "200ms"}}"#))
        let result = try #require(summary.results.first)
        // The retry comes 5 s of simulator time after the 500, stamped then; a count of 1 now fails.
        #expect(result.steps.prefix(7).allSatisfy { $0.outcome == .passed },
            "\(result.steps.flatMap(ConsoleReporter.lines).joined(separator: "\n"))")
        let failure = try #require(result.steps.last?.failure)
        #expect(failure.mismatches.first?.actual == "2")
    }

    @Test func loader_ReportsMalformedNotificationSteps() {
        let problems = ScenarioHarness.problems(Self.scenario(
            #"{"expectNotifications": {"kind": "teleport", "signature": "maybe", "count": 1, "order": [{}, {}]}}"#,
            #"{"answerNotifications": {"status": 99}}"#, #"{"answerNotifications": "fail"}"#,
            #"{"expectNotifications": {"kind": "transfer"}, "service": "balance-inquiry"}"#,
            #"{"expectNotifications": {"where": {"paymentRequestId": "P"}}}"#))
        let messages = problems.map(\.message)
        #expect(messages.contains { $0.hasPrefix("unknown notification kind \"teleport\"") })
        #expect(messages.contains("signature is \"valid\", \"invalid\" or \"any\", not \"maybe\""))
        #expect(messages.contains("\"order\" lists 2 notifications but \"count\" says 1"))
        #expect(messages.contains("expected a whole number from 100 to 599, got 99"))
        #expect(messages.contains("expected \"success\" or {\"status\": 500, \"times\": 1}, found \"fail\""))
        #expect(messages.contains { $0.hasPrefix("a step does one thing") })
        let pointer = problems.first { $0.message.hasPrefix("\"paymentRequestId\" is not a JSON pointer") }?.pointer
        #expect(pointer?.description == "/steps/4/expectNotifications/where/paymentRequestId")
    }

    /// Over HTTP the runner points the endpoints through the admin API; without the token it says so.
    @Test func targetRun_ReceivesNotifications_FromALiveServer() async throws {
        let token = "notify-live-admin"
        let simulator = Simulator(
            fixtures: .defaults,
            options: SimulatorOptions(seed: 3, clock: .fixed(at: RunConfiguration.defaultStart), adminToken: token))
        let server = try HTTPServer(
            configuration: HTTPServer.Configuration(
                host: "127.0.0.1", port: 0, headerTimeout: .seconds(3600), idleTimeout: .seconds(3600)),
            responder: simulator)
        try server.start()
        let base = "http://127.0.0.1:\(server.localPort)"
        let scenarios = try ScenarioLoader.load(paths: [ContractSuite.path("snap/notifications-va.json")])
        let summary = try await ScenarioRunner(
            configuration: RunConfiguration(
                target: .http(baseURL: base, adminToken: token), fixtures: .defaults, timeout: .seconds(10)),
            scenarios: scenarios
        ).run()
        for result in summary.results where !result.passed {
            Issue.record("\(result.scenario.name):\n\(result.steps.flatMap(ConsoleReporter.lines).joined(separator: "\n"))")
        }
        #expect(summary.results.count == scenarios.count)

        let withoutAdmin = try await ScenarioRunner(
            configuration: RunConfiguration(
                target: .http(baseURL: base, adminToken: nil), fixtures: .defaults, timeout: .seconds(10)),
            scenarios: Array(scenarios.prefix(1))
        ).run()
        let refused = try #require(withoutAdmin.results.first)
        #expect(refused.failure?.title == "notification receiver")
        #expect(refused.failure?.failure?.message?.contains("pass --admin-token") == true)
        await server.shutdown()
    }
}
