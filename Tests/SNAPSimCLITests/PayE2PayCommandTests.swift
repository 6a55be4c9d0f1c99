import SNAPSim
import SimServer
import Testing

@testable import SNAPSimCLI

/// `snapsim pay --e2pay-topup` against a running simulator over a real socket: a bank-channel top-up into an
/// M-Bayar account, refused with E2Pay's `05` once it would pass the account's `sisaTopup`.
@Suite struct PayE2PayCommandTests {
    @Test func e2payTopUp_CreditsUpToTheLimit_ThenRefuses05() async throws {
        let simulator = Simulator(fixtures: .defaults, options: SimulatorOptions(seed: 1, adminToken: "pay-test"))
        let configuration = HTTPServer.Configuration(
            host: "127.0.0.1", port: 0, headerTimeout: .seconds(3600), idleTimeout: .seconds(3600))
        let server = try HTTPServer(configuration: configuration, responder: simulator)
        try server.start()
        defer { server.shutdown() }
        func pay(_ amount: String) -> [String] {
            [
                "pay", "--e2pay-topup", "081234560001", "--amount", amount, "--partner", "snapsim-demo",
                "--target", "http://127.0.0.1:\(server.localPort)", "--admin-token", "pay-test",
            ]
        }
        let first = RecordingConsole()
        #expect(await CLI.run(pay("50000"), console: first) == 0)
        #expect(first.out.contains("\"balance\": 50000.00"), "\(first.out)")

        // Ani (basic, empty) may hold 2,000,000: 1,950,000 more fits, one rupiah more does not.
        let over = RecordingConsole()
        #expect(await CLI.run(pay("1950001"), console: over) == 1)
        #expect(over.err.contains("refused: 05 Transaction exceed limit"), "\(over.err)")
        let exact = RecordingConsole()
        #expect(await CLI.run(pay("1950000"), console: exact) == 0)
        #expect(exact.out.contains("\"balance\": 2000000.00"), "\(exact.out)")
    }

    @Test func e2payTopUp_NeedsAnAmountInRupiah() async {
        let console = RecordingConsole()
        #expect(
            await CLI.run(["pay", "--e2pay-topup", "081234560001", "--partner", "p", "--admin-token", "t"], console: console)
                == 64)
        #expect(console.err.contains("--amount"))
    }
}
