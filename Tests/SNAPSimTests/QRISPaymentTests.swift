import QRISCode
import SimHTTP
import Testing

@testable import SNAPSim
import SimJSON

/// QR payments move money in the ledger: the payer is debited, the merchant account credited, refunds reverse
/// both, and the simulated payer is reachable through the admin API.
@Suite struct QRISPaymentTests {
    static let payer = "081300000001"  // Siti Rahayu, 5,000,000
    static let merchantAccount = "7700000011"  // Warung Sate Pak Budi's settlement account

    func generate(_ harness: inout ServiceHarness, _ reference: String, _ value: String, merchant: String = "MID-SATE-001")
        throws -> String
    {
        let answer = harness.call(.qrMPMGenerate, body: [
            "partnerReferenceNo": .string(reference), "amount": JSONValue.amount(value),
            "merchantId": .string(merchant),
        ])
        #expect(answer.responseCode == "2004700")
        return try #require(answer.string("/qrContent"))
    }

    func balance(_ harness: ServiceHarness, _ customer: String) -> Int64 {
        harness.state.ledger.customer(customer)?.balance.minorUnits ?? -1
    }

    func merchantBalance(_ harness: ServiceHarness, _ accountNo: String = merchantAccount) -> Int64 {
        harness.state.ledger.account(accountNo)?.accountInfos[0].availableBalance.minorUnits ?? -1
    }

    @Test func generatedCode_IsAValidDynamicQRISOfTheMerchant() throws {
        var harness = ServiceHarness()
        let content = try generate(&harness, "QR-T-1", "25000.00")
        let code = try MerchantPresentedQR.decode(content)
        #expect(code.initiation == .dynamicCode)
        #expect(code.amountMinorUnits == 2_500_000)
        #expect(code.nationalMerchantID == "ID1026000000011")
        #expect(code.merchantName == "Warung Sate Pak Budi")
        #expect(code.additionalData("01") == "QR-T-1")
        #expect(code.additionalData("05") == harness.state.qris.payment(partnerReferenceNo: "QR-T-1")?.referenceNo)
    }

    @Test func paying_DebitsThePayerAndCreditsTheMerchant_AndRefundsReverseBoth() throws {
        var harness = ServiceHarness()
        let content = try generate(&harness, "QR-T-2", "25000.00")
        let before = balance(harness, Self.payer)
        let settled = try harness.state.payQR(
            content, payer: Self.payer, amount: nil, tip: nil, partnerReferenceNo: nil, fixtures: harness.fixtures,
            at: harness.time)
        #expect(settled.amount == Amount(rupiah: 25_000))
        #expect(settled.partnerReferenceNo == "QR-T-2")
        #expect(balance(harness, Self.payer) == before - 2_500_000)
        #expect(merchantBalance(harness) == 2_500_000)

        let refund = harness.call(.qrMPMRefund, body: [
            "originalPartnerReferenceNo": "QR-T-2", "partnerRefundNo": "R-1",
            "refundAmount": JSONValue.amount("10000.00"),
        ])
        #expect(refund.responseCode == "2007800")
        #expect(balance(harness, Self.payer) == before - 1_500_000)
        #expect(merchantBalance(harness) == 1_500_000)

        // The same partnerRefundNo again moves nothing.
        let retry = harness.call(.qrMPMRefund, body: [
            "originalPartnerReferenceNo": "QR-T-2", "partnerRefundNo": "R-1",
            "refundAmount": JSONValue.amount("10000.00"),
        ])
        #expect(retry.string("/refundNo") == refund.string("/refundNo"))
        #expect(merchantBalance(harness) == 1_500_000)

        let tooMuch = harness.call(.qrMPMRefund, body: [
            "originalPartnerReferenceNo": "QR-T-2", "partnerRefundNo": "R-2",
            "refundAmount": JSONValue.amount("15000.01"),
        ])
        #expect(tooMuch.responseCode == "4047813")
        #expect(balance(harness, Self.payer) == before - 1_500_000)
    }

    @Test func promptedTip_IsPaidToTheMerchantAndRefundable() throws {
        var harness = ServiceHarness()
        let content = try generate(&harness, "QR-T-3", "30000.00", merchant: "MID-KOPI-002")
        let settled = try harness.state.payQR(
            content, payer: Self.payer, amount: nil, tip: Amount(rupiah: 5_000), partnerReferenceNo: nil,
            fixtures: harness.fixtures, at: harness.time)
        #expect(settled.amount == Amount(rupiah: 35_000))
        #expect(merchantBalance(harness, "7700000022") == 3_500_000)
        let full = harness.call(.qrMPMRefund, body: [
            "originalPartnerReferenceNo": "QR-T-3", "partnerRefundNo": "R-3",
            "refundAmount": JSONValue.amount("35000.00"),
        ])
        #expect(full.responseCode == "2007800")
        let status = harness.call(.qrMPMQuery, body: ["originalPartnerReferenceNo": "QR-T-3", "serviceCode": "47"])
        #expect(status.string("/latestTransactionStatus") == "04")
    }

    @Test func insufficientBalance_LeavesEverythingAsItWas() throws {
        var harness = ServiceHarness()
        let content = try generate(&harness, "QR-T-4", "200000.00")
        let poor = "081977817902"  // Budi Santoso, 150,000
        #expect(throws: SNAPError.self) {
            try harness.state.payQR(
                content, payer: poor, amount: nil, tip: nil, partnerReferenceNo: nil, fixtures: harness.fixtures,
                at: harness.time)
        }
        #expect(balance(harness, poor) == 15_000_000)
        #expect(merchantBalance(harness) == 0)
        #expect(harness.state.qris.payment(partnerReferenceNo: "QR-T-4")?.paidAt == nil)
    }

    @Test func payerAdminEndpoint_PaysAStaticCode_AndTheAccountsShowIt() throws {
        let simulator = Simulator(
            fixtures: .defaults,
            options: SimulatorOptions(seed: 1, clock: .fixed(at: ServiceHarness.start), adminToken: "admin"))
        let staticCode = try #require(LoadedFixtures.defaults.merchants["MID-SATE-001"]?.staticQRIS)
        func admin(_ method: HTTPMethod, _ target: String, _ body: String = "") throws -> (Int, JSONValue) {
            let reply = simulator.respond(to: HTTPRequest(
                method: method, target: target, headers: ["Authorization": "Bearer admin"], body: Array(body.utf8)))
            guard case .respond(let response) = reply.action else { throw AdminFailureForTest() }
            return (response.status.code, try JSONParser.parse(response.body))
        }
        let body = #"{"customerNumber": "081300000001", "qrContent": "\#(staticCode)", "amount": "12500.00"}"#
        let (status, paid) = try admin(.post, "/_sim/payer/qr?partner=snapsim-demo", body)
        #expect(status == 200)
        #expect(paid[pointer: "/merchantId"] == "MID-SATE-001")
        #expect(paid[pointer: "/amount/value"] == "12500.00")

        let (_, merchant) = try admin(.get, "/_sim/accounts/7700000011?partner=snapsim-demo")
        #expect(merchant[pointer: "/accountInfos/0/availableBalance/value"] == "12500.00")
        let (_, customer) = try admin(.get, "/_sim/accounts/081300000001?partner=snapsim-demo")
        #expect(customer[pointer: "/balance/value"] == "4987500.00")
        // Another partner's ledger is untouched.
        let (_, other) = try admin(.get, "/_sim/accounts/7700000011?partner=snapsim-demo-2")
        #expect(other[pointer: "/accountInfos/0/availableBalance/value"] != "12500.00")

        let (badStatus, bad) = try admin(.post, "/_sim/payer/qr?partner=snapsim-demo",
            #"{"customerNumber": "081300000001", "qrContent": "\#(staticCode.dropLast(4))0000"}"#)
        #expect(badStatus == 400)
        #expect(bad[pointer: "/explanation/tag"] == "63")
        #expect(bad[pointer: "/explanation/problem"] == "crcMismatch")
    }

    struct AdminFailureForTest: Error {}

    @Test func fixtureMerchant_WhoseStaticCodeDisagrees_IsALoadProblem() throws {
        let merchants = #"{"merchants": [{"merchantId": "M1", "name": "A", "city": "B", "nmid": "ID1026000000011", "merchantPAN": "9360", "mcc": "5812", "accountNo": "12345678", "staticQRIS": "0002016304ABCD"}]}"#
        var files = DefaultFixtures.files
        files.append((path: "zz-merchants.json", contents: merchants))
        #expect(throws: FixtureLoadError.self) { try LoadedFixtures.load(files: files) }
    }
}
