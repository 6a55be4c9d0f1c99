import Foundation
import SNAPScenario
import SocketTestSupport
import Testing

@testable import SNAPSimCLI

/// `snapsim run Scenarios --target URL --admin-token T` against a plain `snapsim serve --admin-token T`: the whole
/// contract suite over real sockets, with the server's own wall clock and random seed. Every scenario passes, or is
/// skipped with its reason when it changes fixtures (which only an in-process run can do); none fails.
@Suite(.serialized) struct RunTargetContractTests {
    /// The repository's `Scenarios/` folder.
    static let scenarios = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scenarios").path

    /// `snapsim serve --port 0 ARGS` as a user starts it; returns the process, its base URL and its output file.
    static func serve(_ arguments: [String]) throws -> (Process, base: String, output: URL) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("snapsim-target-\(UUID()).log")
        try Data().write(to: output)
        let process = Process()
        process.executableURL = try ServeProcessTests.builtBinary()
        process.arguments = ["serve", "--port", "0"] + arguments
        // A file, not a pipe: the server may write more than a pipe holds while nobody reads it.
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = process.standardOutput
        try process.run()
        var banner = ""
        _ = eventually(within: .seconds(60)) {
            banner = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            return banner.contains("listening on") || !process.isRunning
        }
        let match = try #require(banner.firstMatch(of: /listening on (http:\/\/127\.0\.0\.1:\d+)/), "serve: \(banner)")
        return (process, String(match.1), output)
    }

    @Test func contractSuite_PassesOrIsSkippedWithAReason_AgainstAPlainServe() async throws {
        let token = "target-\(UUID().uuidString)"
        // No --seed, no --clock: the runner resets each scenario's partners with the run's seed and fixes the
        // clock at the scenario's start itself.
        let (server, base, output) = try Self.serve(["--admin-token", token])
        defer {
            server.terminate()
            server.waitUntilExit()
            try? FileManager.default.removeItem(at: output)
        }
        let loaded = try ScenarioLoader.load(paths: [Self.scenarios])
        // Customers a scenario changes are set up over the admin API; tiers and security cannot be changed for
        // one partner, so those scenarios are skipped.
        let changingFixtures = loaded.filter {
            !FixtureOverrides(tiers: $0.fixtures.tiers, security: $0.fixtures.security).isEmpty
        }
        let junit = FileManager.default.temporaryDirectory.appendingPathComponent("snapsim-target-\(UUID()).xml")
        defer { try? FileManager.default.removeItem(at: junit) }

        let clockBefore = try await Self.clock(base, token: token)
        let console = RecordingConsole()
        let status = await CLI.run(
            ["run", Self.scenarios, "--target", base, "--admin-token", token, "--junit", junit.path], console: console)

        let failed = console.out.components(separatedBy: "\nFailed:\n").dropFirst().first ?? ""
        #expect(status == 0, "failed scenarios:\n\(failed)\n\(console.err)")
        let passed = loaded.count - changingFixtures.count
        let skipped = changingFixtures.isEmpty ? "" : ", \(changingFixtures.count) skipped"
        #expect(console.out.hasSuffix("\n\(passed) passed, 0 failed\(skipped)"))
        // Each skipped scenario is named with its reason, and only those that change fixtures are skipped.
        for scenario in changingFixtures {
            #expect(
                console.out.contains("  \(scenario.location): \(scenario.name) — it changes the fixtures"),
                "\(scenario.location) is not reported as skipped")
        }
        let xml = try String(contentsOf: junit, encoding: .utf8)
        #expect(xml.contains(#"tests="\#(loaded.count)" failures="0" errors="0" skipped="\#(changingFixtures.count)""#))
        #expect(xml.components(separatedBy: "<skipped message=").count - 1 == changingFixtures.count)

        // The runner fixed the clock for each scenario and handed the server's running clock back afterwards.
        let clockAfter = try await Self.clock(base, token: token)
        #expect(clockBefore.mode == "real")
        #expect(clockAfter.mode == "real", "the run left the clock fixed at \(clockAfter.now)")
        #expect(clockAfter.now >= clockBefore.now)
    }

    static let changesTier = #"""
        {"name": "a cheaper basic tier", "fixtures": {"tiers": {"basic": {"minimumTopUp": "1000.00"}}},
         "steps": [{"service": "balance-inquiry", "body": {"accountNo": "12345678"}, "expect": {"status": 200}}]}
        """#
    static let changesCustomer = #"""
        {"name": "a blocked customer", "fixtures": {"customers": {"081977817902": {"status": "blocked"}}},
         "steps": [{"service": "balance-inquiry", "body": {"accountNo": "12345678"}, "expect": {"status": 200}}]}
        """#

    @Test func scenariosThatCannotRunOnTheTarget_AreSkippedWithTheirReason_NeverPassed() async throws {
        let token = "target-\(UUID().uuidString)"
        let (server, base, output) = try Self.serve(["--admin-token", token])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("snapsim-skip-\(UUID())")
        defer {
            server.terminate()
            server.waitUntilExit()
            try? FileManager.default.removeItem(at: output)
            try? FileManager.default.removeItem(at: folder)
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(Self.changesTier.utf8).write(to: folder.appendingPathComponent("a-tier.json"))
        try Data(Self.changesCustomer.utf8).write(to: folder.appendingPathComponent("b-customer.json"))
        let junit = folder.appendingPathComponent("report.xml")

        // With the admin token the customer is set up on the target; the tier change cannot be made there.
        let console = RecordingConsole()
        let withToken = ["run", folder.path, "--target", base, "--admin-token", token, "--junit", junit.path]
        #expect(await CLI.run(withToken, console: console) == 0, "\(console.out)\n\(console.err)")
        #expect(console.out.contains("    ○ set-up — it changes the fixtures' tiers basic for itself"))
        #expect(console.out.contains("    ✓ 1 balance-inquiry — HTTP 200 2001100"))
        #expect(console.out.hasSuffix("\n1 passed, 0 failed, 1 skipped"))
        let xml = try String(contentsOf: junit, encoding: .utf8)
        #expect(xml.contains(#"tests="2" failures="0" errors="0" skipped="1""#))
        #expect(xml.contains(#"<skipped message="it changes the fixtures&apos; tiers basic for itself"#))

        // Without it neither can be set up: both are skipped, saying why, and the run does not pass them.
        let without = RecordingConsole()
        #expect(await CLI.run(["run", folder.path, "--target", base], console: without) == 0)
        #expect(
            without.out.contains(
                "a blocked customer — it sets up customers (customers 081977817902), which with --target needs "
                    + "snapsim's --admin-token"))
        #expect(without.out.hasSuffix("\n0 passed, 0 failed, 2 skipped"))
    }

    /// `GET /_sim/clock`: the instant as written (`+07:00`, so later instants sort later) and the mode.
    static func clock(_ base: String, token: String) async throws -> (now: String, mode: String) {
        let answer = try await ServeProcessTests.fetch(
            "\(base)/_sim/clock", headers: ["Authorization": "Bearer \(token)"])
        let match = try #require(answer.body.firstMatch(of: /"now":"([^"]+)","mode":"([a-z]+)"/), "\(answer.body)")
        return (String(match.1), String(match.2))
    }
}
