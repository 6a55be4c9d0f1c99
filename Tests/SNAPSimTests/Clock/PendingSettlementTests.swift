import SimHTTP
import SimJSON
import Testing

@testable import SNAPSim

/// Pending top-ups (38) and pending QR payments (52) settle on the clock and notify; NICEPAY words 401xx01 and
/// 504xx00 its own way.
@Suite struct PendingSettlementTests {
    /// A top-up of `customer` by snapsim-demo (snap profile), signed as the partner signs.
    static func topUp(_ harness: inout ProfileHarness, token: String, reference: String, customer: String) throws
        -> SecurityAnswer
    {
        let body = #"{"partnerReferenceNo":"\#(reference)","customerNumber":"\#(customer)","amount":{"value":"50000.00","currency":"IDR"}}"#
        return harness.send(try harness.transaction(
            try harness.partner("snapsim-demo"), path: "/v1.0/emoney/topup", body: body, token: token,
            timestamp: harness.timestamp(), channel: "95221"))
    }

    static func status(_ harness: inout ProfileHarness, token: String, reference: String) throws -> SecurityAnswer {
        let body = #"{"originalPartnerReferenceNo":"\#(reference)","serviceCode":"38"}"#
        return harness.send(try harness.transaction(
            try harness.partner("snapsim-demo"), path: "/v1.0/emoney/topup-status", body: body, token: token,
            timestamp: harness.timestamp(), channel: "95221"))
    }

    @Test func pendingTopUp_IsCreditedWhenTheClockPassesItsInstant_AndNotified() throws {
        var harness = ProfileHarness(adminToken: "admin")
        let webhook = try WebhookReceiver()
        defer { webhook.server.shutdown() }
        harness.simulator.notifications.setEndpoints(NotificationEndpoints(defaultURL: webhook.url), partner: "snapsim-demo")
        let token = try harness.b2bToken(try harness.partner("snapsim-demo"), path: "/v1.0/access-token/b2b")

        let accepted = try Self.topUp(&harness, token: token, reference: "PEND-1", customer: "081299990303")
        #expect(accepted.status == 202, "\(accepted.text)")
        #expect(accepted.code == "2023800")
        #expect(accepted.body["responseMessage"]?.stringValue == "Request In Progress")
        let referenceNo = try #require(accepted.body["referenceNo"]?.stringValue)
        #expect(try Self.status(&harness, token: token, reference: "PEND-1").body["latestTransactionStatus"] == "03")
        #expect(harness.simulator.partnerState("snapsim-demo")?.ledger.customer("081299990303")?.balance == .zero)

        harness.clock.advance(by: .seconds(299))
        #expect(harness.simulator.notifications.deliveries(partner: "snapsim-demo").isEmpty)
        harness.clock.advance(by: .seconds(1))
        // Settled by the clock alone: the balance moved and the notification left before any further request.
        #expect(harness.simulator.partnerState("snapsim-demo")?.ledger.customer("081299990303")?.balance.value == "50000.00")
        #expect(eventually { webhook.requests.count == 1 })
        let request = try #require(webhook.requests.first)
        #expect(request.target == "/v1.0/emoney/topup/notify")
        let notice = try JSONParser.parse(request.body)
        #expect(notice.text(at: "/originalReferenceNo") == referenceNo)
        #expect(notice.text(at: "/latestTransactionStatus") == "00")
        #expect(notice.text(at: "/finishedTime") == (ProfileHarness.start + .seconds(300)).description)

        let after = try Self.status(&harness, token: token, reference: "PEND-1")
        #expect(after.body["latestTransactionStatus"] == "00")
        // A retry now replays the final answer, without a second credit.
        let retry = try Self.topUp(&harness, token: token, reference: "PEND-1", customer: "081299990303")
        #expect(retry.status == 200)
        #expect(retry.code == "2003800")
        #expect(harness.simulator.partnerState("snapsim-demo")?.ledger.customer("081299990303")?.balance.value == "50000.00")
    }

    @Test func pendingTopUp_ThatSettlesTo06_IsRefused_AndNotified() throws {
        var harness = ProfileHarness(adminToken: "admin")
        let webhook = try WebhookReceiver()
        defer { webhook.server.shutdown() }
        harness.simulator.notifications.setEndpoints(NotificationEndpoints(defaultURL: webhook.url), partner: "snapsim-demo")
        let token = try harness.b2bToken(try harness.partner("snapsim-demo"), path: "/v1.0/access-token/b2b")
        #expect(try Self.topUp(&harness, token: token, reference: "PEND-6", customer: "081299990306").status == 202)

        harness.clock.advance(by: .seconds(3600))
        #expect(eventually { webhook.requests.count == 1 })
        let notice = try JSONParser.parse(try #require(webhook.requests.first).body)
        #expect(notice.text(at: "/latestTransactionStatus") == "06")
        let fresh = try harness.b2bToken(try harness.partner("snapsim-demo"), path: "/v1.0/access-token/b2b")
        #expect(try Self.status(&harness, token: fresh, reference: "PEND-6").body["latestTransactionStatus"] == "06")
        #expect(harness.simulator.partnerState("snapsim-demo")?.ledger.customer("081299990306")?.balance == .zero)
        // A retry hears the issuer's refusal, and still nothing is credited.
        let retry = try Self.topUp(&harness, token: fresh, reference: "PEND-6", customer: "081299990306")
        #expect(retry.code == "4033805", "\(retry.text)")
        #expect(harness.simulator.partnerState("snapsim-demo")?.ledger.customer("081299990306")?.balance == .zero)
    }

    @Test func payerQR_SendsTheQRPaymentNotification_AndAPendingOneSettlesOnTheClock() throws {
        let world = try ClockWorld()
        defer { world.shutdown() }
        let code = try #require(LoadedFixtures.defaults.merchants["MID-SATE-001"]?.staticQRIS)
        let paid = world.admin(.post, "/_sim/payer/qr?partner=snapsim-demo",
            #"{"customerNumber": "081300000001", "qrContent": "\#(code)", "amount": "12500.00"}"#)
        #expect(paid.status == 200)
        #expect(eventually { world.webhook.requests.count == 1 })
        #expect(world.webhook.requests.first?.target == "/v1.0/qr/qr-mpm-notify")
        #expect(world.received.first?.text(at: "/originalReferenceNo") == paid.body.text(at: "/referenceNo"))
        #expect(world.received.first?.text(at: "/destinationNumber") == "MID-SATE-001")
        #expect(world.received.first?.text(at: "/amount/value") == "12500.00")

        let pending = world.admin(.post, "/_sim/payer/qr?partner=snapsim-demo",
            #"{"customerNumber": "081300000001", "qrContent": "\#(code)", "amount": "7500.00", "settleAfterSeconds": 120}"#)
        #expect(pending.status == 200)
        #expect(pending.body.text(at: "/latestTransactionStatus") == "03")
        let reference = try #require(pending.body.text(at: "/referenceNo"))
        let payment = try #require(world.simulator.partnerState("snapsim-demo")?.qris.payment(referenceNo: reference))
        #expect(payment.status(at: world.clock.now()) == .pending)
        #expect(world.webhook.requests.count == 1)

        world.admin(.post, "/_sim/clock", #"{"advance": "2m"}"#)
        #expect(eventually { world.webhook.requests.count == 2 })
        #expect(world.received.last?.text(at: "/originalReferenceNo") == reference)
        #expect(world.received.last?.text(at: "/latestTransactionStatus") == "00")
        #expect(payment.status(at: world.clock.now()) == .success)
    }

    @Test func nicepay_WordsAnInvalidTokenItsOwnWay() throws {
        var harness = ProfileHarness()
        let request = try NicepayPayoutTests.nicepayRequest(
            &harness, path: NicepayPayoutTests.registration, signedPath: "/api/v1.0/transfer/registration",
            body: NicepayPayoutTests.registrationBody("W-1", spaced: false), token: "not-a-token")
        let answer = harness.send(request)
        #expect(answer.code == "4010001", "\(answer.text)")
        #expect(answer.body["responseMessage"]?.stringValue == "Access Token Invalid")
        // The snap profile keeps ASPI's wording.
        let snap = harness.send(try harness.transaction(
            try harness.partner("snapsim-demo"), path: "/v1.0/emoney/topup", body: "{}", token: "not-a-token",
            timestamp: harness.timestamp(), channel: "95221"))
        #expect(snap.code == "4013801")
        #expect(snap.body["responseMessage"]?.stringValue == "Invalid Token (B2B)")
    }
}
