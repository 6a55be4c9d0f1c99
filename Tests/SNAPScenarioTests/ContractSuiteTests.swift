import SNAPScenario
import SNAPSim
import Testing
import SimJSON

/// `swift test` is the contract suite: every file in `Scenarios/` must pass in-process.
@Suite struct ContractSuiteTests {
    @Test(arguments: ContractSuite.files)
    func scenarioFile_Passes(_ file: String) async throws {
        let scenarios = try ScenarioLoader.load(paths: [ContractSuite.path(file)])
        let runner = try ScenarioRunner(configuration: RunConfiguration(fixtures: .defaults), scenarios: scenarios)
        let summary = await runner.run()
        for result in summary.results where !result.passed {
            let detail = result.steps.flatMap(ConsoleReporter.lines).joined(separator: "\n")
            Issue.record("\(result.scenario.name) failed:\n\(detail)")
        }
        #expect(summary.results.count == scenarios.count)
        #expect(!scenarios.isEmpty)
    }

    @Test func suite_IsFound_WithEveryShippedFile() {
        // Guards against a wrong #filePath turning the parameterized test above into zero tests.
        #expect(ContractSuite.files.count >= 10)
        #expect(ContractSuite.files.contains("seed001-account-inquiry-codes.json"))
    }

    /// Every code of seed 001's table is expected, with its HTTP status, by an account-inquiry step.
    @Test func suite_CoversEveryCodeOfSeed001_WithItsHTTPStatus() throws {
        let table: [String: Int] = [
            "2003700": 200, "4003700": 400, "4003701": 400, "4003702": 400, "4013700": 401, "4013701": 401,
            "4033701": 403, "4033704": 403, "4043708": 404, "5003700": 500, "5043700": 504,
        ]
        var covered: [String: Set<Int>] = [:]
        for scenario in try ScenarioLoader.load(paths: [ContractSuite.folder]) {
            for step in scenario.steps {
                guard case .request(let request) = step.action, request.target == .service("emoney-account-inquiry"),
                    case .equals(.string(let code))? = request.expect.responseCode, let status = request.expect.status
                else { continue }
                covered[code, default: []].insert(status)
            }
        }
        for (code, status) in table {
            #expect(covered[code] == [status], "seed 001 code \(code) (HTTP \(status))")
        }
    }

    /// The suite prints the same bytes on every run (fixed clock, fixed seed, no timings).
    @Test func suite_PrintsTheSameReport_WhenRunTwice() async throws {
        let scenarios = try ScenarioLoader.load(paths: [ContractSuite.path("topup-status.json")])
        func report() async throws -> [String] {
            let lines = LineRecorder()
            let reporter = ConsoleReporter(write: { lines.append($0) })
            let summary = try await ScenarioRunner(
                configuration: RunConfiguration(fixtures: .defaults), scenarios: scenarios
            )
            .run(observe: { reporter.report($0) })
            reporter.finish(summary)
            return lines.lines
        }
        let first = try await report()
        #expect(first == (try await report()))
        #expect(first.last == "4 passed, 0 failed")
    }
}
