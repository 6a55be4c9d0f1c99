import Foundation
import SNAPCrypto
import SNAPScenario
import SNAPSim

/// `snapsim run`: replays scenario files as the partner, in-process or against a running endpoint, and reports
/// each step; exit 0 when all pass, 1 when any fails, 2 when a scenario file is malformed.
struct RunCommand: Command {
    static let name = "run"
    static let summary = "Replay scenario files (default Scenarios/) and check the answers; exit 1 on a failure"
    static let help = """
        Usage: snapsim run [PATHS...] [--filter NAME] [--junit FILE] [--target URL [--admin-token T]] [options]

        Runs the scenarios in the given files and folders (folders recursively; default Scenarios/). The runner
        acts as the partner: it fetches access tokens and signs every request with the partner's credentials
        from the fixtures. Each step prints a line with ✓ or ✗; a failure shows the request sent, the expected
        and actual values side by side and the answer. The last line is `N passed, M failed`.

        In-process (the default), every scenario gets a fresh simulator with a fixed clock and seed, so runs are
        fast and print the same every time. With --target the requests go over HTTP to a running snapsim or
        another SNAP endpoint; with snapsim's --admin-token each scenario starts as in-process: its partners are
        reset with the run's seed, its customers set up, the target's clock fixed at its start (clock steps move
        it; the clock is handed back after the run). Without the token, clock steps fail with a message. A
        scenario that cannot run on the target (it changes tiers or security) is skipped, with its reason, and
        counted apart (`N passed, M failed, K skipped`). A scenario that expects
        notifications gets a receiver on 127.0.0.1 (a port the system picks) that its partners' notifications are
        pointed at; "admin" steps act as the payer (both need --admin-token with --target).

        Exit status: 0 all passed (or skipped), 1 a scenario failed, 2 a scenario file is malformed (file and
        JSON pointer are named), 64 a usage mistake.

          --filter NAME        Run only scenarios whose name or file contains NAME (case-insensitive; repeatable)
          --junit FILE         Also write a JUnit XML report to FILE (one testcase per scenario)
          --target URL         Send the requests to this base URL, e.g. http://127.0.0.1:7788
          --admin-token T      The target's admin token: reset partners per scenario, allow clock, admin and
                               notification steps
          --partner ID         With --target: act as this client id wherever a scenario acts as snapsim-demo
          --partner-key FILE   With --target: that partner's RSA private key (PEM)
          --client-secret S    With --target: that partner's client secret (symmetric signatures)
          --timeout SECONDS    With --target: how long to wait for an answer (default 30)

        Simulator options, for in-process runs (--fixtures also gives the partners and paths used with --target).
        The in-process clock is always fixed: --clock sets where scenarios that name no start begin (default
        2026-11-21T10:00:00+07:00), and --seed defaults to 0, not random. With --target and --admin-token, --clock
        and --seed choose the same for the target: the start its clock is fixed at, the seed its partners restart.
        \(SimulatorSetup.help)
        """

    static let defaultPath = "Scenarios/"

    var paths: [String]
    var filters: [String]
    var junitPath: String?
    var target: String?
    var adminToken: String?
    var partnerID: String?
    var partnerKeyPath: String?
    var clientSecret: String?
    var timeout: Int
    var setup: SimulatorSetup

    init(parsing arguments: inout Arguments) throws(CLIError) {
        filters = try arguments.options("filter")
        junitPath = try arguments.option("junit")
        target = try arguments.option("target")
        if let target, !(target.hasPrefix("http://") || target.hasPrefix("https://")) {
            throw .usage("--target takes a base URL such as http://127.0.0.1:7788")
        }
        adminToken = try arguments.option("admin-token")
        partnerID = try arguments.option("partner")
        partnerKeyPath = try arguments.option("partner-key")
        clientSecret = try arguments.option("client-secret")
        timeout =
            try arguments.option("timeout", as: "a whole number of seconds from 1 to 3600") { text in
                Int(text).flatMap { (1...3600).contains($0) ? $0 : nil }
            } ?? 30
        if target == nil {
            if adminToken != nil { throw .usage("--admin-token goes with --target") }
            if partnerID != nil || partnerKeyPath != nil || clientSecret != nil {
                throw .usage(
                    "--partner, --partner-key and --client-secret act as your own partner against a --target; in-process runs use the fixtures' partners"
                )
            }
        }
        setup = try SimulatorSetup(parsing: &arguments)
        paths = try arguments.positionals()
        if paths.isEmpty { paths = [Self.defaultPath] }
    }

    func run(console: any Console) async throws -> Int32 {
        var scenarios: [Scenario]
        switch Result(catching: { () throws(ScenarioLoadError) in try ScenarioLoader.load(paths: paths) }) {
        case .success(let loaded): scenarios = loaded
        case .failure(let error):
            console.err(error.description)
            return 2
        }
        if !filters.isEmpty {
            let total = scenarios.count
            scenarios = scenarios.filter { scenario in
                filters.contains { filter in
                    scenario.name.localizedCaseInsensitiveContains(filter)
                        || scenario.file.localizedCaseInsensitiveContains(filter)
                }
            }
            if scenarios.isEmpty {
                throw CLIError(
                    "no scenario matches --filter \(filters.joined(separator: ", ")) (\(total) scenarios in \(paths.joined(separator: " ")))"
                )
            }
        }

        let configuration = try makeConfiguration()
        let runner: ScenarioRunner
        switch Result(catching: { () throws(ScenarioLoadError) in
            try ScenarioRunner(configuration: configuration, scenarios: scenarios)
        }) {
        case .success(let made): runner = made
        case .failure(let error):
            console.err(error.description)
            return 2
        }
        let reporter = ConsoleReporter(write: { console.out($0) })
        let summary = await runner.run(observe: { reporter.report($0) })
        reporter.finish(summary)

        if let junitPath {
            do {
                try Data(JUnitReport.xml(summary).utf8).write(to: URL(fileURLWithPath: junitPath))
            } catch {
                console.err("snapsim run: cannot write the JUnit report to \(junitPath): \(error.localizedDescription)")
                return 1
            }
        }
        return summary.allPassed ? 0 : 1
    }

    private func makeConfiguration() throws(CLIError) -> RunConfiguration {
        let fixtures = try setup.loadFixtures()
        var configuration = RunConfiguration(
            fixtures: fixtures, seed: setup.seed ?? 0,
            start: ISO8601Timestamp(setup.clock)?.time ?? RunConfiguration.defaultStart,
            explain: setup.explain, timeout: .seconds(timeout))
        if let target { configuration.target = .http(baseURL: target, adminToken: adminToken) }
        if partnerID != nil || partnerKeyPath != nil || clientSecret != nil {
            configuration.credentials = PartnerCredentials(
                partnerID: partnerID, privateKeyPEM: try partnerKey(), clientSecret: clientSecret)
        }
        return configuration
    }

    /// The PEM of `--partner-key`, checked to be a usable RSA private key.
    private func partnerKey() throws(CLIError) -> String? {
        guard let partnerKeyPath else { return nil }
        guard let data = FileManager.default.contents(atPath: partnerKeyPath),
            let pem = String(data: data, encoding: .utf8)
        else {
            throw CLIError("cannot read the partner key \(partnerKeyPath)")
        }
        do {
            _ = try RSA.PrivateKey(pem: pem)
        } catch {
            throw CLIError("\(partnerKeyPath) is not a usable RSA private key: \(error)")
        }
        return pem
    }
}
