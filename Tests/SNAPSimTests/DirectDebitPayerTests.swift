import SNAPSim
import SimHTTP
import SimJSON
import Testing

/// The simulated customer of direct debit through the admin API (`/_sim/payer/…`), with payments and bindings
/// made by signed partner requests on the dana and snap profiles.
@Suite struct DirectDebitPayerTests {
    static let admin = "payer-admin"

    func payer(_ harness: ProfileHarness, _ method: HTTPMethod, _ target: String, _ body: String = "") -> SecurityAnswer
    {
        SecurityAnswer(
            harness.simulator.respond(
                to: HTTPRequest(
                    method: method, target: target, headers: ["Authorization": "Bearer \(Self.admin)"],
                    body: Array(body.utf8))))
    }

    func dana(_ harness: inout ProfileHarness, _ path: String, _ body: String) throws -> SecurityAnswer {
        let partner = try harness.partner("snapsim-dana")
        return harness.send(
            try harness.transaction(partner, path: path, body: body, timestamp: harness.timestamp(), channel: "95221"))
    }

    @Test func widgetPayment_IsPaidByTheCustomerTheAdminNames() throws {
        var harness = ProfileHarness(adminToken: Self.admin)
        let created = try dana(
            &harness, "/rest/redirection/v1.0/debit/payment-host-to-host",
            #"""
            {"partnerReferenceNo":"W-1","merchantId":"M-9","amount":{"value":"20000.00","currency":"IDR"},"validUpTo":"2026-11-21T19:00:00+07:00","additionalInfo":{"productCode":"P","mcc":"5732","envInfo":{"terminalType":"SYSTEM"}}}
            """#)
        #expect(created.code == "2005400", "\(created.text)")
        let redirect = try #require(created.body["webRedirectUrl"]?.stringValue)
        let target = String(try #require(redirect.range(of: "/_sim/").map { redirect[$0.lowerBound...] }))

        let missing = payer(harness, .post, target)
        #expect(missing.status == 400 && missing.body["case"] == "400xx02")
        let poor = payer(harness, .post, target, #"{"customerNumber":"6281977817902","action":"nope"}"#)
        #expect(poor.status == 400)
        let paid = payer(harness, .post, target, #"{"customerNumber":"6281977817902"}"#)
        #expect(paid.status == 200, "\(paid.text)")
        #expect(paid.body["latestTransactionStatus"] == "00" && paid.body["customerNumber"] == "081977817902")
        #expect(payer(harness, .post, target, #"{"action":"decline"}"#).status == 404)

        let status = try dana(
            &harness, "/rest/v1.1/debit/status",
            #"{"originalPartnerReferenceNo":"W-1","serviceCode":"54","merchantId":"M-9"}"#)
        #expect(
            status.body["latestTransactionStatus"] == "00" && status.body["paidTime"] == "2026-11-21T18:19:47+07:00")
        let listing = payer(harness, .get, "/_sim/payer/direct-debit?partner=snapsim-dana")
        #expect(listing.body["merchants"]?.objectValue?["M-9"] == .object(["value": "20000.00", "currency": "IDR"]))
        let account = payer(harness, .get, "/_sim/accounts/081977817902?partner=snapsim-dana")
        #expect(account.body["balance"]?.objectValue?["value"] == "130000.00")
    }

    @Test func binding_IsConfirmedByTheOTPTheCustomerReads() throws {
        var harness = ProfileHarness(adminToken: Self.admin)
        let partner = try harness.partner("snapsim-demo")
        let token = try harness.b2bToken(partner, path: "/v1.0/access-token/b2b")
        func call(_ path: String, _ body: String) throws -> SecurityAnswer {
            harness.send(
                try harness.transaction(
                    partner, path: path, body: body, token: token, timestamp: harness.timestamp(), channel: "95221"))
        }
        let binding = try call("/v1.0/registration-account-binding", #"{"phoneNo":"081300000001"}"#)
        let reference = try #require(binding.body["referenceNo"]?.stringValue)
        #expect(payer(harness, .get, "/_sim/payer/otp?partner=snapsim-demo&referenceNo=\(reference)").status == 404)
        #expect(try call("/v1.0/otp", #"{"originalReferenceNo":"\#(reference)"}"#).code == "2008100")
        let inbox = payer(harness, .get, "/_sim/payer/otp?partner=snapsim-demo&referenceNo=\(reference)")
        let code = try #require(inbox.body["otp"]?.stringValue)
        #expect(code.count == 6 && code.allSatisfy(\.isNumber))
        let wrong = payer(
            harness, .post, "/_sim/payer/otp?partner=snapsim-demo", #"{"referenceNo":"\#(reference)","otp":"x"}"#)
        #expect(wrong.status == 404 && wrong.body["case"] == "404xx15")
        let entered = payer(harness, .post, "/_sim/payer/otp?partner=snapsim-demo", #"{"referenceNo":"\#(reference)"}"#)
        #expect(entered.status == 200 && entered.body["additionalInfo"]?.objectValue?["accountStatus"] == "ACTIVE")
        let accountToken = try #require(entered.body["accountToken"]?.stringValue)
        let paid = try call(
            "/v1.0/debit/payment-host-to-host",
            #"{"partnerReferenceNo":"P-1","bankCardToken":"\#(accountToken)","amount":{"value":"1.00","currency":"IDR"}}"#
        )
        #expect(paid.code == "2005400")
        #expect(
            payer(
                harness, .post, "/_sim/payer/binding?partner=snapsim-demo",
                #"{"referenceNo":"\#(reference)","action":"reject"}"#
            ).status == 404)
        #expect(payer(harness, .post, "/_sim/payer/binding?partner=nobody", #"{"referenceNo":"1"}"#).status == 404)
    }
}
