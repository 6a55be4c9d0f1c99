import QRISCode
import SNAPSim
import SimJSON
import SimServer
import Testing

@testable import SNAPSimCLI

/// `snapsim qris` prints codes that decode, and `snapsim pay --qr` pays one on a running simulator.
@Suite struct QRISCommandTests {
    @Test func qris_PrintsTheMerchantsStaticCode_AsInTheFixtures() async throws {
        let console = RecordingConsole()
        let status = await CLI.run(["qris", "--merchant", "MID-SATE-001"], console: console)
        #expect(status == 0)
        #expect(console.out == LoadedFixtures.defaults.merchants["MID-SATE-001"]?.staticQRIS)
    }

    @Test func qris_PrintsADynamicCodeWithTheAmount() async throws {
        let console = RecordingConsole()
        let status = await CLI.run(["qris", "--merchant", "MID-KOPI-002", "--amount", "25000.00", "--reference", "R1"], console: console)
        #expect(status == 0)
        let code = try MerchantPresentedQR.decode(console.out)
        #expect(code.initiation == .dynamicCode)
        #expect(code.amountMinorUnits == 2_500_000)
        #expect(code.tip == .prompt)
        #expect(code.additionalData("05") == "R1")
    }

    @Test func qrisDecode_NamesTheProblem_AndExitsOne() async {
        let valid = LoadedFixtures.defaults.merchants["MID-SATE-001"]?.staticQRIS ?? ""
        let console = RecordingConsole()
        #expect(await CLI.run(["qris", "--decode", String(valid.dropLast(4)) + "0000"], console: console) == 1)
        #expect(console.err.contains("tag 63"))
        #expect(console.err.contains("CRC mismatch"))
        let good = RecordingConsole()
        #expect(await CLI.run(["qris", "--decode", valid], console: good) == 0)
        #expect(good.out.contains("NMID                ID1026000000011"))
    }

    @Test func qris_RefusesAnUnknownMerchant() async {
        let console = RecordingConsole()
        #expect(await CLI.run(["qris", "--merchant", "NOPE"], console: console) == 1)
        #expect(console.err.contains("MID-SATE-001"))
    }

    /// A simulator on loopback with admin token `T`; each test gets its own (a fresh port, a fresh connection).
    private static func withServer(_ body: (String) async throws -> Void) async throws {
        let simulator = Simulator(fixtures: .defaults, options: SimulatorOptions(seed: 1, adminToken: "T"))
        // Long timeouts: under a loaded full suite the server's deadlines must not drop the connection mid-test.
        let configuration = HTTPServer.Configuration(
            host: "127.0.0.1", port: 0, headerTimeout: .seconds(3600), idleTimeout: .seconds(3600))
        let server = try HTTPServer(configuration: configuration, responder: simulator)
        try server.start()
        defer { server.shutdown() }
        try await body("http://127.0.0.1:\(server.localPort)")
    }

    @Test func payQR_PaysOnARunningSimulator() async throws {
        try await Self.withServer { base in
            let code = LoadedFixtures.defaults.merchants["MID-PARKIR-003"]?.staticQRIS ?? ""
            let console = RecordingConsole()
            let status = await CLI.run(
                ["pay", "--qr", code, "--customer", "081300000001", "--amount", "5000.00", "--partner", "snapsim-demo",
                 "--target", base, "--admin-token", "T"],
                console: console)
            #expect(status == 0)
            let paid = try JSONParser.parse(console.out)
            #expect(paid[pointer: "/merchantId"] == "MID-PARKIR-003")
            // 5,000 plus Parkir Senayan's fixed fee of 2,000.
            #expect(paid[pointer: "/amount/value"] == "7000.00")
        }
    }

    @Test func payQR_SettleAfter_LeavesThePaymentPending() async throws {
        try await Self.withServer { base in
            let code = LoadedFixtures.defaults.merchants["MID-SATE-001"]?.staticQRIS ?? ""
            let console = RecordingConsole()
            let status = await CLI.run(
                ["pay", "--qr", code, "--customer", "081300000001", "--amount", "5000.00", "--settle-after", "120",
                 "--partner", "snapsim-demo", "--target", base, "--admin-token", "T"],
                console: console)
            #expect(status == 0)
            let paid = try JSONParser.parse(console.out)
            #expect(paid[pointer: "/latestTransactionStatus"] == "03")
            #expect(paid[pointer: "/settlesAt"]?.stringValue != nil)
            let refused = RecordingConsole()
            #expect(await CLI.run(
                ["pay", "--qr", code, "--customer", "081300000001", "--amount", "5000.00", "--settle-after", "soon",
                 "--partner", "snapsim-demo", "--target", base, "--admin-token", "T"],
                console: refused) == 64)
        }
    }

    @Test func payQR_ExitsOneWithTheRefusal() async throws {
        try await Self.withServer { base in
            let code = LoadedFixtures.defaults.merchants["MID-SATE-001"]?.staticQRIS ?? ""
            let console = RecordingConsole()
            let status = await CLI.run(
                ["pay", "--qr", code, "--customer", "081977817902", "--partner", "snapsim-demo", "--target", base,
                 "--admin-token", "T"],
                console: console)
            #expect(status == 1)
            #expect(console.err.contains("refused: 4005002 Invalid Mandatory Field amount"))
        }
    }

    @Test func routes_ListsTheQRAndPaymentGatewayPaths() async {
        let console = RecordingConsole()
        #expect(await CLI.run(["routes"], console: console) == 0)
        for line in [
            "/v1.0/qr/qr-mpm-generate", "/v1.0/qr/qr-mpm-refund", "/rest/v1.1/qr/apply-ott",
            "/payment-gateway/v1.0/debit/payment-host-to-host.htm", "/v1.0/payment-gateway/consult-pay.htm",
        ] {
            #expect(console.out.contains(line))
        }
    }
}
