import SNAPSim
import SimServer
import Testing

@testable import SNAPSimCLI

/// `snapsim pay` against a running simulator over a real socket, as a partner's developer would use it.
@Suite struct PayCommandTests {
    static let closedVA = "  08889900000000000000000001"

    @Test func payVA_PaysTheFixtureVA_ThenReportsThePaidBill() async throws {
        let simulator = Simulator(fixtures: .defaults, options: SimulatorOptions(seed: 1, adminToken: "pay-test"))
        // Long timeouts: under the full parallel suite a loop can sit idle past the 10 s header timeout, and issue
        // 10 (a deadline computed from the loop's stale clock) would then drop the keep-alive connection between calls.
        let configuration = HTTPServer.Configuration(
            host: "127.0.0.1", port: 0, headerTimeout: .seconds(3600), idleTimeout: .seconds(3600))
        let server = try HTTPServer(configuration: configuration, responder: simulator)
        try server.start()
        defer { server.shutdown() }
        let arguments = [
            "pay", "--va", Self.closedVA, "--amount", "150000.00", "--partner", "snapsim-demo",
            "--target", "http://127.0.0.1:\(server.localPort)", "--admin-token", "pay-test",
        ]
        let console = RecordingConsole()
        #expect(await CLI.run(arguments, console: console) == 0)
        #expect(console.err.isEmpty)
        #expect(console.out.contains("\"settled\": true"))
        #expect(console.out.contains("\"latestTransactionStatus\": \"00\""))

        let again = RecordingConsole()
        #expect(await CLI.run(arguments, console: again) == 1)
        #expect(again.err.contains("4042514 Paid Bill"))

        let wrongToken = RecordingConsole()
        #expect(await CLI.run(Array(arguments.dropLast()) + ["nope"], console: wrongToken) == 1)
        #expect(wrongToken.err.contains("HTTP 401"))
    }

    @Test func pay_NeedsOneKind_AndTheKindsOptions() async {
        let console = RecordingConsole()
        #expect(await CLI.run(["pay", "--partner", "p", "--admin-token", "t"], console: console) == 64)
        #expect(console.err.contains("--va"))
        let noAmount = RecordingConsole()
        #expect(await CLI.run(["pay", "--va", "1", "--partner", "p", "--admin-token", "t"], console: noAmount) == 64)
        #expect(noAmount.err.contains("--amount"))
        let badAmount = RecordingConsole()
        #expect(
            await CLI.run(
                ["pay", "--va", "1", "--amount", "10", "--partner", "p", "--admin-token", "t"], console: badAmount)
                == 64)
        #expect(badAmount.err.contains("two decimals"))
    }
}
