import SimServer
import Testing

@testable import SNAPSim
@testable import SNAPSimCLI

/// `snapsim pay --debit/--binding/--otp` against a running simulator over a real socket.
@Suite struct PayDirectDebitCommandTests {
    /// A payment of Rp 7,500 waiting for its payer, as a widget or jump-app payment leaves it.
    func waitingPayment(_ simulator: Simulator) {
        simulator.withPartner("snapsim-demo") { partner, _ in
            partner.directDebit.store(DebitRecord(
                partnerReferenceNo: "CLI-1", referenceNo: "11112222333344445555", externalId: nil,
                customerNumber: nil, merchantId: "M-CLI", amount: Amount(rupiah: 7_500), status: .initiated,
                fingerprint: "{}", createdAt: simulator.clock.now(), validUpTo: nil,
                answer: RecordedAnswer(key: ServiceAnswer.success.key)))
        }
    }

    @Test func payDebit_SettlesTheWaitingPayment_ThenRefusesASecondDecision() async throws {
        let simulator = Simulator(fixtures: .defaults, options: SimulatorOptions(seed: 1, adminToken: "pay-dd"))
        // Long timeouts: URLSession reuses its keep-alive connection, which a loaded machine could otherwise see
        // closed by the server between two commands.
        let configuration = HTTPServer.Configuration(
            host: "127.0.0.1", port: 0, headerTimeout: .seconds(3600), idleTimeout: .seconds(3600))
        let server = try HTTPServer(configuration: configuration, responder: simulator)
        try server.start()
        defer { server.shutdown() }
        waitingPayment(simulator)
        let common = ["--partner", "snapsim-demo", "--target", "http://127.0.0.1:\(server.localPort)", "--admin-token", "pay-dd"]

        let console = RecordingConsole()
        #expect(await CLI.run(["pay", "--debit", "11112222333344445555", "--customer", "081300000001"] + common, console: console) == 0)
        #expect(console.out.contains("\"latestTransactionStatus\": \"00\""))
        #expect(console.out.contains("\"customerNumber\": \"081300000001\""))

        let decline = RecordingConsole()
        #expect(await CLI.run(["pay", "--debit", "CLI-1", "--action", "decline"] + common, console: decline) == 1)
        #expect(decline.err.contains("HTTP 404"))

        let otp = RecordingConsole()
        #expect(await CLI.run(["pay", "--otp", "no-such-binding"] + common, console: otp) == 1)
        #expect(otp.err.contains("no OTP was sent"))
    }

    @Test func payBindingAndDebit_CheckTheirActions() async {
        let binding = RecordingConsole()
        let arguments = ["pay", "--binding", "1", "--action", "maybe", "--partner", "p", "--admin-token", "t"]
        #expect(await CLI.run(arguments, console: binding) == 64)
        #expect(binding.err.contains("approve or reject"))
        let debit = RecordingConsole()
        #expect(await CLI.run(["pay", "--debit", "1", "--code", "1", "--partner", "p", "--admin-token", "t"], console: debit) == 64)
        #expect(debit.err.contains("--code does not apply to --debit"))
    }
}
