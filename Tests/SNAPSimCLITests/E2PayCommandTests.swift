import SNAPSim
import SimHTTP
import SimServer
import Testing

@testable import SNAPSimCLI

/// `snapsim e2pay outbox` and `snapsim pay --e2pay-upgrade` against a running simulator over a real socket.
@Suite struct E2PayCommandTests {
    static let secret = "snapsim-demo-secret-SANDBOX-ONLY"

    /// Sends one request straight to the simulator (the partner's side), returning its body as text.
    private func call(_ simulator: Simulator, _ method: HTTPMethod, _ target: String, _ headers: HTTPHeaders, _ body: String) -> String {
        let reply = simulator.respond(to: HTTPRequest(method: method, target: target, headers: headers, body: Array(body.utf8)))
        guard case .respond(let response) = reply.action else { return "" }
        return String(decoding: response.body, as: UTF8.self)
    }

    private func field(_ name: String, in text: String) -> String {
        guard let range = text.range(of: "\"\(name)\":\"") else { return "" }
        return String(text[range.upperBound...].prefix { $0 != "\"" })
    }

    @Test func outbox_ListsTheRegistrationToken_ForOneRecipient() async throws {
        let simulator = Simulator(fixtures: .defaults, options: SimulatorOptions(seed: 3, adminToken: "e2-test"))
        let server = try HTTPServer(
            configuration: HTTPServer.Configuration(host: "127.0.0.1", port: 0, headerTimeout: .seconds(3600), idleTimeout: .seconds(3600)),
            responder: simulator)
        try server.start()
        defer { server.shutdown() }
        let form: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
        let host = field("access_token", in: call(simulator, .post, "/switching/rest/oauth/token", form,
            "grant_type=client_credentials&client_id=snapsim-demo&client_secret=\(Self.secret)"))
        let registered = call(simulator, .post, "/switching/b2b/customer/register",
            ["Authorization": "Bearer \(host)", "Content-Type": "application/json"], """
            {"phone":"081555000333","name":"Uli","birthDate":"1992-03-04","birthPlace":"Medan","email":"uli@example.id",\
            "gender":false,"countryId":"ID","sourceId":"01011","accountGroupId":"01"}
            """)
        let prefix = field("tokenPrefix", in: registered)
        #expect(prefix.count == 3)

        let base = ["--partner", "snapsim-demo", "--target", "http://127.0.0.1:\(server.localPort)", "--admin-token", "e2-test"]
        let console = RecordingConsole()
        #expect(await CLI.run(["e2pay", "outbox", "--to", "081555000333"] + base, console: console) == 0)
        let lines = console.out.split(separator: "\n")
        #expect(lines.count == 1, "\(console.out)")
        #expect(lines.first?.contains("SMS  081555000333  token \(prefix)") == true, "\(console.out)")

        let email = RecordingConsole()
        #expect(await CLI.run(["e2pay", "outbox", "--to", "uli@example.id", "--json"] + base, console: email) == 0)
        #expect(email.out.contains("\"channel\": \"EMAIL\""), "\(email.out)")

        let denied = RecordingConsole()
        #expect(await CLI.run(["e2pay", "outbox", "--partner", "snapsim-demo", "--target", "http://127.0.0.1:\(server.localPort)",
            "--admin-token", "wrong"], console: denied) == 1)
        #expect(denied.err.contains("HTTP 401"))
    }

    @Test func payUpgrade_VerifyThenApprove_MakesThePremiumAccount() async throws {
        let simulator = Simulator(fixtures: .defaults, options: SimulatorOptions(seed: 3, adminToken: "e2-test"))
        let server = try HTTPServer(
            configuration: HTTPServer.Configuration(host: "127.0.0.1", port: 0, headerTimeout: .seconds(3600), idleTimeout: .seconds(3600)),
            responder: simulator)
        try server.start()
        defer { server.shutdown() }
        let code = field("code", in: call(simulator, .post, "/switching/rest/h2h/authorization/", ["Content-Type": "application/json"], """
            {"client_id":"snapsim-demo","client_secret":"\(Self.secret)","response_type":"code","user_type":"CUSTOMER",\
            "username":"081234560001","password":"E10ADC3949BA59ABBE56E057F20F883E"}
            """))
        let user = field("access_token", in: call(simulator, .post, "/switching/rest/oauth/token",
            ["Content-Type": "application/x-www-form-urlencoded"],
            "grant_type=authorization_code&client_id=snapsim-demo&client_secret=\(Self.secret)&code=\(code)"))
        let submitted = call(simulator, .post, "/switching/b2b/customer/me/upgradeRequest",
            ["Authorization": "Bearer \(user)", "Content-Type": "application/json"], """
            {"identityType":"KTP","identityNumber":"3174014101950002","identityFile":"aGVsbG8=","profpicFile":"aGVsbG8=",\
            "name":"Ani Wijaya","birthPlace":"Bandung","birthDate":"1995-01-01","gender":"false","address":"Jl. Mawar 2",\
            "province":"Jawa Barat","city":"Bandung","kecamatan":"Coblong","kelurahan":"Dago","postalCode":"40135",\
            "maritalStatus":"MARRIED","occupation":"Guru","motherMaidenName":"Ina"}
            """)
        #expect(field("upgradeStatus", in: submitted) == "SUBMITED", "\(submitted)")

        let base = ["--partner", "snapsim-demo", "--target", "http://127.0.0.1:\(server.localPort)", "--admin-token", "e2-test"]
        let early = RecordingConsole()
        #expect(await CLI.run(["pay", "--e2pay-upgrade", "081234560001", "--action", "approve"] + base, console: early) == 1)
        #expect(early.err.contains("not verified"), "\(early.err)")
        let verify = RecordingConsole()
        #expect(await CLI.run(["pay", "--e2pay-upgrade", "081234560001", "--action", "verify", "--by", "Rina"] + base, console: verify) == 0)
        let approve = RecordingConsole()
        #expect(await CLI.run(["pay", "--e2pay-upgrade", "081234560001", "--action", "approve", "--by", "Sari"] + base, console: approve) == 0)
        #expect(approve.out.contains("\"accountTypeId\": \"CUSTOMER_PREMIUM\""), "\(approve.out)")
        let account = call(simulator, .get, "/switching/b2b/customer/me/account", ["Authorization": "Bearer \(user)"], "")
        #expect(field("accountTypeId", in: account) == "CUSTOMER_PREMIUM")

        let usage = RecordingConsole()
        #expect(await CLI.run(["pay", "--e2pay-upgrade", "081234560001"] + base, console: usage) == 64)
        #expect(usage.err.contains("--action verify"))
    }
}
