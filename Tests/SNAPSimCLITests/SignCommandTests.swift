import SNAPCrypto
import SNAPScenario
import SNAPSim
import SimHTTP
import SimServer
import Testing
@testable import SNAPSimCLI

@Suite struct SignCommandTests {
    private static let timestamp = "2026-11-21T18:19:47+07:00"
    private static let body = #"{"partnerReferenceNo":"1","accountNo":"12345678"}"#

    /// The value of `name:` in what the command printed.
    private static func header(_ name: String, in output: String) -> String? {
        output.split(separator: "\n").first { $0.hasPrefix(name + ": ") }.map { String($0.dropFirst(name.count + 2)) }
    }

    @Test func sign_PrintsTokenRequestFirst_WhenSymmetricWithoutToken() async throws {
        let console = RecordingConsole()
        let status = await CLI.run(
            ["sign", "--path", "/v1.0/balance-inquiry", "--data", Self.body, "--timestamp", Self.timestamp], console: console)
        #expect(status == 0)
        #expect(console.out.contains("POST http://127.0.0.1:7788/v1.0/access-token/b2b"))
        #expect(Self.header("X-CLIENT-KEY", in: console.out) == "snapsim-demo")
        #expect(console.out.contains("--token <accessToken>"))
        // The printed token signature verifies with the demo partner's public key.
        let demo = try #require(LoadedFixtures.defaults.partners.values.first { $0.clientId == "snapsim-demo" })
        let text = try #require(Self.header("X-SIGNATURE", in: console.out))
        let signature = try #require(Base64.decode(text))
        let key = try RSA.PublicKey(pem: demo.publicKey)
        #expect(key.isValidSignature(signature, for: Array("snapsim-demo|\(Self.timestamp)".utf8)))
    }

    @Test func sign_FollowsThePartnersProfile_ForTokenPathAndTimestampForm() async throws {
        let console = RecordingConsole()
        let status = await CLI.run(
            ["sign", "--partner", "snapsim-doku", "--path", "/direct-debit/core/v1/balance-inquiry", "--data", "{}"],
            console: console)
        #expect(status == 0)
        // DOKU serves tokens under /authorization/v1 and accepts only UTC `Z` timestamps.
        #expect(console.out.contains("POST http://127.0.0.1:7788/authorization/v1/access-token/b2b"))
        let timestamp = try #require(Self.header("X-TIMESTAMP", in: console.out))
        #expect(timestamp.hasSuffix("Z"))
        #expect(ISO8601Timestamp(timestamp)?.isUTCDesignator == true)
    }

    @Test func sign_PrintsSignedHeadersAndCurl_WhenTokenGiven() async throws {
        let console = RecordingConsole()
        let status = await CLI.run(
            [
                "sign", "--path", "/v1.0/balance-inquiry?lang=id", "--data", Self.body, "--timestamp", Self.timestamp,
                "--token", "tok", "--external-id", "123",
            ],
            console: console)
        #expect(status == 0)
        let demo = try #require(LoadedFixtures.defaults.partners.values.first { $0.clientId == "snapsim-demo" })
        let expected = try PartnerSigner(partner: demo).transactionHeaders(
            method: .post, target: "/v1.0/balance-inquiry?lang=id", body: Array(Self.body.utf8), token: "tok",
            timestamp: Self.timestamp, externalID: "123")
        for name in ["X-TIMESTAMP", "X-SIGNATURE", "X-PARTNER-ID", "X-EXTERNAL-ID", "CHANNEL-ID", "Authorization"] {
            #expect(Self.header(name, in: console.out) == expected[name], "\(name)")
        }
        #expect(console.out.contains("curl -sS -X POST 'http://127.0.0.1:7788/v1.0/balance-inquiry?lang=id'"))
        #expect(console.out.contains("--data-raw '\(Self.body)'"))
        #expect(console.out.contains("# POST:/v1.0/balance-inquiry?lang=id:tok:"))
    }

    @Test func sign_SignsWithoutToken_WhenPartnerAsymmetric() async {
        let console = RecordingConsole()
        let status = await CLI.run(
            ["sign", "--partner", "snapsim-demo-rsa", "--path", "/v1.0/balance-inquiry", "--data", Self.body, "--hex"],
            console: console)
        #expect(status == 0)
        #expect(Self.header("Authorization", in: console.out) == nil)
        #expect(Self.header("X-SIGNATURE", in: console.out)?.count == 512)
    }

    @Test func sign_ExitsWithUsage_WhenOptionsConflict() async {
        let console = RecordingConsole()
        #expect(await CLI.run(["sign", "--data", "{}"], console: console) == 64)
        #expect(await CLI.run(["sign", "--path", "/x", "--send"], console: console) == 64)
        #expect(await CLI.run(["sign", "--path", "/x", "--data", "{}", "--body", "f"], console: console) == 64)
        #expect(await CLI.run(["sign", "--path", "/x", "--timestamp", "noon"], console: console) == 64)
    }

    @Test func sign_Fails_WhenPartnerUnknown() async {
        let console = RecordingConsole()
        #expect(await CLI.run(["sign", "--path", "/x", "--partner", "nobody"], console: console) == 1)
        #expect(console.err.contains("no partner nobody"))
    }

    @Test func shellQuoted_EscapesSingleQuotes() {
        #expect(SignCommand.shellQuoted("it's") == #"'it'\''s'"#)
    }

    /// Over a real socket: the command fetches a token from a running simulator, signs and sends the request.
    @Test func sign_FetchesTokenAndSends_WhenTargetGiven() async throws {
        // A frozen clock and a given X-TIMESTAMP: on a loaded machine minutes can pass between signing and sending.
        let start = try #require(ISO8601Timestamp("2026-11-21T10:00:00+07:00")?.time)
        let simulator = Simulator(fixtures: .defaults, options: SimulatorOptions(seed: 1, clock: .fixed(at: start)))
        // Long timeouts, as in PayCommandTests: under the full parallel suite an idle loop's stale clock (issue 10)
        // can expire a fresh connection's header deadline at once, and the request is not sent twice.
        let configuration = HTTPServer.Configuration(
            host: "127.0.0.1", port: 0, headerTimeout: .seconds(3600), idleTimeout: .seconds(3600))
        let server = try HTTPServer(configuration: configuration, responder: simulator)
        try server.start()
        defer { server.shutdown() }
        let console = RecordingConsole()
        let status = await CLI.run(
            [
                "sign", "--path", "/v1.0/balance-inquiry", "--data", Self.body, "--target",
                "http://127.0.0.1:\(server.localPort)/", "--send", "--timestamp", "2026-11-21T10:00:00+07:00",
            ],
            console: console)
        #expect(console.err.isEmpty)
        #expect(console.out.contains("# Access token for snapsim-demo"))
        #expect(console.out.contains("# Answer: HTTP 200"))
        #expect(console.out.contains("\"responseCode\": \"2001100\""))
        #expect(status == 0)
    }
}
