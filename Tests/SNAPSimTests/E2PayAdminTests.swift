import SimHTTP
import SimJSON
import Testing

@testable import SNAPSim

/// The E2Pay sandbox controls through the admin API, in-process: the registration OTP outbox and the
/// bank-channel top-up, seen by the e2pay routes on the partner's one ledger.
@Suite struct E2PayAdminTests {
    static let secret = "snapsim-demo-secret-SANDBOX-ONLY"
    let simulator = Simulator(
        fixtures: .defaults,
        options: SimulatorOptions(seed: 7, clock: .fixed(at: ISO8601Timestamp("2026-11-21T10:00:00+07:00")!.time), adminToken: "adm"))

    func send(_ method: HTTPMethod, _ target: String, _ headers: HTTPHeaders = [:], _ body: String = "") -> (Int, JSONValue) {
        let reply = simulator.respond(to: HTTPRequest(method: method, target: target, headers: headers, body: Array(body.utf8)))
        guard case .respond(let response) = reply.action else { return (0, .null) }
        return (Int(response.status.code), (try? JSONParser.parse(response.body)) ?? .null)
    }

    func hostToken() -> String {
        let (_, body) = send(
            .post, "/switching/rest/oauth/token", ["Content-Type": "application/x-www-form-urlencoded"],
            "grant_type=client_credentials&client_id=snapsim-demo&client_secret=\(Self.secret)")
        return body.objectValue?["access_token"]?.stringValue ?? ""
    }

    @Test func outbox_HoldsTheRegistrationToken_ThatConfirmsTheRegistration() throws {
        let host = ["Authorization": "Bearer \(hostToken())", "Content-Type": "application/json"] as HTTPHeaders
        let (status, registered) = send(.post, "/switching/b2b/customer/register", host, """
            {"phone":"081555000222","name":"Tono","birthDate":"1991-02-03","birthPlace":"Solo","email":"tono@example.id",\
            "gender":true,"countryId":"ID","sourceId":"01011","accountGroupId":"01"}
            """)
        #expect(status == 200)
        let prefix = try #require(registered.objectValue?["tokenPrefix"]?.stringValue)

        let (outboxStatus, outbox) = send(
            .get, "/_sim/payer/e2pay-outbox?partner=snapsim-demo&to=081555000222", ["Authorization": "Bearer adm"])
        #expect(outboxStatus == 200)
        let messages = try #require(outbox.objectValue?["messages"]?.arrayValue)
        #expect(messages.count == 1)
        let token = try #require(messages.first?.objectValue?["token"]?.stringValue)
        #expect(token.hasPrefix(prefix) && token.count == prefix.count + 4)
        let digits = token.dropFirst(prefix.count).allSatisfy { $0.isNumber }
        #expect(digits)

        let (confirmed, _) = send(.post, "/switching/b2b/customer/register/confirm", host, """
            {"username":"081555000222","password":"E10ADC3949BA59ABBE56E057F20F883E","token":"\(token)"}
            """)
        #expect(confirmed == 200)
        let (_, exists) = send(.get, "/switching/b2b/customer/auth/verifyUsername?username=081555000222", host)
        #expect(exists.objectValue?["exists"] == .bool(true))
    }

    @Test func bankTopUp_LowersSisaTopup_AndOverTheLimitIs05() throws {
        let host = ["Authorization": "Bearer \(hostToken())"] as HTTPHeaders
        let admin = ["Authorization": "Bearer adm"] as HTTPHeaders
        let (credited, body) = send(
            .post, "/_sim/payer/e2pay-topup?partner=snapsim-demo", admin, #"{"accountId":"081977817902","amount":50000.5}"#)
        #expect(credited == 200)
        #expect(body.objectValue?["balance"] == .number("200000.50"))
        let (_, limit) = send(.get, "/switching/b2b/customer/balance/limit?accountId=081977817902", host)
        #expect(limit.objectValue?["sisaTopup"] == .number("1799999.50"))

        let (refused, refusal) = send(
            .post, "/_sim/payer/e2pay-topup?partner=snapsim-demo", admin, #"{"accountId":"081977817902","amount":1800000}"#)
        #expect(refused == 403)
        #expect(refusal.objectValue?["responseCode"] == .string("05"))
        let (_, after) = send(.get, "/switching/b2b/customer/balance/limit?accountId=081977817902", host)
        #expect(after.objectValue?["sisaTopup"] == .number("1799999.50"))

        let (unknown, _) = send(
            .post, "/_sim/payer/e2pay-topup?partner=snapsim-demo", admin, #"{"accountId":"081999999999","amount":1}"#)
        #expect(unknown == 404)
        let (bad, _) = send(.post, "/_sim/payer/e2pay-topup?partner=snapsim-demo", admin, #"{"accountId":"081977817902","amount":"1.234"}"#)
        #expect(bad == 400)
    }
}
