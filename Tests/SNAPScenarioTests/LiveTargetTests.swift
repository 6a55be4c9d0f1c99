import SNAPScenario
import SNAPSim
import SimServer
import Testing

/// The one test over real sockets: a shipped scenario file replayed with `--target` against a SimServer on port 0.
@Suite(.serialized) struct LiveTargetTests {
    static let adminToken = "live-test-admin-token"

    @Test func targetRun_PassesAShippedFile_AgainstALiveServer() async throws {
        let simulator = Simulator(
            fixtures: .defaults,
            options: SimulatorOptions(
                seed: 9, clock: .fixed(at: RunConfiguration.defaultStart), adminToken: Self.adminToken))
        // Long timeouts, as in PayCommandTests: under the full parallel suite an idle loop's stale clock (issue 10)
        // can expire a fresh connection's header deadline at once, on each loop.
        let server = try HTTPServer(
            configuration: HTTPServer.Configuration(
                host: "127.0.0.1", port: 0, headerTimeout: .seconds(3600), idleTimeout: .seconds(3600)),
            responder: simulator)
        try server.start()
        let base = "http://127.0.0.1:\(server.localPort)"
        // Token expiry, another partner's token, token-request refusals: clock steps go through the admin API.
        let scenarios = try ScenarioLoader.load(paths: [ContractSuite.path("security-token.json")])

        let withAdmin = RunConfiguration(
            target: .http(baseURL: base, adminToken: Self.adminToken), fixtures: .defaults, timeout: .seconds(10))
        let summary = try await ScenarioRunner(configuration: withAdmin, scenarios: scenarios).run()
        for result in summary.results where !result.passed {
            Issue.record(
                "\(result.scenario.name):\n\(result.steps.flatMap(ConsoleReporter.lines).joined(separator: "\n"))")
        }
        #expect(summary.results.count == scenarios.count)
        // The server really answered: its journal holds the last scenario's token requests (earlier ones were
        // cleared by the per-partner reset before each scenario).
        #expect(simulator.journalEntries().filter { $0.service == "access-token-b2b" && $0.status == 401 }.count == 2)
        // The server's fixed clock was moved by the scenario's steps (899 s + 2 s): its admin API said so. After the
        // run the runner handed the clock back as it found it.
        let expiry = summary.results.first { $0.scenario.name.hasPrefix("token expiry") }?.steps ?? []
        #expect(expiry.map(\.summary).contains("clock now 2026-11-21T10:15:01+07:00"))
        #expect(simulator.clock.now() == RunConfiguration.defaultStart)
        #expect(simulator.clock.mode == .fixed)

        // Without the admin token a clock step cannot move the target's clock: it fails and says why.
        let withoutAdmin = RunConfiguration(
            target: .http(baseURL: base, adminToken: nil), fixtures: .defaults, timeout: .seconds(10))
        let runWithoutAdmin = try await ScenarioRunner(
            configuration: withoutAdmin, scenarios: scenarios.filter { $0.name.hasPrefix("token expiry") }
        ).run()
        let refused = try #require(runWithoutAdmin.results.first)
        #expect(!refused.passed)
        #expect(
            refused.failure?.title == "advance clock 899s",
            "\(refused.steps.flatMap(ConsoleReporter.lines).joined(separator: "\n"))")
        #expect(refused.failure?.failure?.message?.contains("pass --admin-token") == true)
        await server.shutdown()
    }
}
