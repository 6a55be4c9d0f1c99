import SimHTTP
import Testing

@testable import SNAPSim
import SimJSON

/// What profiles change in answers: BCA's code swap, DANA's retry replay against 409xx01, DANA's `628…`
/// numbers, DOKU's trimmed balance answer.
@Suite struct DialectAnswerTests {
    static let danaTopUp = "/rest/v1.0/emoney/topup"

    static func danaTopUpBody(_ reference: String, customer: String = "6281234560001", amount: String = "50000.00") -> String {
        #"{"partnerReferenceNo":"\#(reference)","customerNumber":"\#(customer)","amount":{"value":"\#(amount)","currency":"IDR"},"feeAmount":{"value":"1500.00","currency":"IDR"},"additionalInfo":{"fundType":"AGENT_TOPUP_FOR_USER_SETTLE"}}"#
    }

    // MARK: - BCA swaps 01 and 02 on balance inquiry

    @Test func bca_PrintsMissingAccountNoAs4001101_WithItsMeaning() throws {
        var harness = ProfileHarness()
        let bca = try harness.partner("snapsim-bca")
        let token = try harness.b2bToken(bca, path: "/openapi/v1.0/access-token/b2b")
        let missing = harness.send(try harness.transaction(
            bca, path: "/openapi/v1.0/balance-inquiry", body: #"{"partnerReferenceNo":"1"}"#, token: token,
            timestamp: harness.timestamp(), channel: "95221"))
        #expect(missing.status == 400)
        #expect(missing.code == "4001101")
        #expect(missing.message == "Invalid Mandatory Field accountNo")

        let format = harness.send(try harness.transaction(
            bca, path: "/openapi/v1.0/balance-inquiry", body: #"{"accountNo":12345678}"#, token: token,
            timestamp: harness.timestamp(), channel: "95221"))
        #expect(format.code == "4001102")
        #expect(format.message == "Invalid Field Format accountNo")
    }

    @Test func snap_KeepsASPICodes_ForTheSameMistake() throws {
        var harness = ProfileHarness()
        let demo = try harness.partner("snapsim-demo")
        let token = try harness.b2bToken(demo, path: "/v1.0/access-token/b2b")
        let missing = harness.send(try harness.transaction(
            demo, path: "/v1.0/balance-inquiry", body: #"{"partnerReferenceNo":"1"}"#, token: token,
            timestamp: harness.timestamp(), channel: "95221"))
        #expect(missing.code == "4001102")
        #expect(missing.message == "Invalid Mandatory Field accountNo")
    }

    @Test func bca_KeepsASPICodes_OnOtherServices() throws {
        var harness = ProfileHarness()
        let bca = try harness.partner("snapsim-bca")
        let token = try harness.b2bToken(bca, path: "/openapi/v1.0/access-token/b2b")
        let answer = harness.send(try harness.transaction(
            bca, path: "/openapi/v1.0/emoney/topup", body: #"{"customerNumber":"081234560001","amount":{"value":"10000.00","currency":"IDR"}}"#,
            token: token, timestamp: harness.timestamp(), channel: "95221"))
        #expect(answer.code == "4003802")
        #expect(answer.message == "Invalid Mandatory Field partnerReferenceNo")
    }

    // MARK: - Retried top-ups

    @Test func dana_ReplaysARetriedTopUp_WithoutASecondCredit() throws {
        var harness = ProfileHarness()
        let dana = try harness.partner("snapsim-dana")
        let body = Self.danaTopUpBody("DANA-RETRY-1")
        let first = harness.send(try harness.transaction(dana, path: Self.danaTopUp, body: body, timestamp: harness.timestamp(), channel: "95221"))
        let retry = harness.send(try harness.transaction(dana, path: Self.danaTopUp, body: body, timestamp: harness.timestamp(), channel: "95221"))
        #expect(first.code == "2003800", "\(first.text)")
        #expect(retry.code == "2003800")
        #expect(retry.body["referenceNo"] == first.body["referenceNo"])
        #expect(harness.simulator.partnerState("snapsim-dana")?.ledger.customer("081234560001")?.balance
            == Amount(minorUnits: 5_000_000))
    }

    @Test func bca_AnswersARetriedTopUp409xx01_AndStillCreditsOnce() throws {
        var harness = ProfileHarness()
        let bca = try harness.partner("snapsim-bca")
        let token = try harness.b2bToken(bca, path: "/openapi/v1.0/access-token/b2b")
        let body = #"{"partnerReferenceNo":"BCA-RETRY-1","customerNumber":"081234560001","amount":{"value":"50000.00","currency":"IDR"}}"#
        let send = { (harness: inout ProfileHarness) in
            harness.send(try harness.transaction(
                bca, path: "/openapi/v1.0/emoney/topup", body: body, token: token, timestamp: harness.timestamp(), channel: "95221"))
        }
        #expect(try send(&harness).code == "2003800")
        let retry = try send(&harness)
        #expect(retry.status == 409)
        #expect(retry.code == "4093801")
        #expect(retry.message == "Duplicate partnerReferenceNo")
        #expect(harness.simulator.partnerState("snapsim-bca")?.ledger.customer("081234560001")?.balance
            == Amount(minorUnits: 5_000_000))
    }

    @Test func bca_ReplaysARetryOfARefusedTopUp() throws {
        var harness = ProfileHarness()
        let bca = try harness.partner("snapsim-bca")
        let token = try harness.b2bToken(bca, path: "/openapi/v1.0/access-token/b2b")
        // Above Ani's 2,000,000 headroom: refused 403xx02 both times, not 409xx01 (nothing succeeded).
        let body = #"{"partnerReferenceNo":"BCA-RETRY-2","customerNumber":"081234560001","amount":{"value":"3000000.00","currency":"IDR"}}"#
        for _ in 0..<2 {
            let answer = harness.send(try harness.transaction(
                bca, path: "/openapi/v1.0/emoney/topup", body: body, token: token, timestamp: harness.timestamp(), channel: "95221"))
            #expect(answer.code == "4033802")
        }
    }

    // MARK: - DANA's customer numbers

    @Test func dana_ReadsAndAnswers628Numbers() throws {
        var harness = ProfileHarness()
        let dana = try harness.partner("snapsim-dana")
        let answer = harness.send(try harness.transaction(
            dana, path: Self.danaTopUp, body: Self.danaTopUpBody("DANA-628"), timestamp: harness.timestamp(), channel: "95221"))
        #expect(answer.body["customerNumber"] == "6281234560001")
        let inquiry = harness.send(try harness.transaction(
            dana, path: DialectSecurityTests.danaInquiry, body: DialectSecurityTests.danaInquiryBody,
            timestamp: harness.timestamp(), channel: "95221"))
        #expect(inquiry.body["customerNumber"] == "62819****7902")
        // Magic values keep working in the 62 form: 08120000 + code → 628120000 + code.
        let magic = harness.send(try harness.transaction(
            dana, path: Self.danaTopUp, body: Self.danaTopUpBody("DANA-MAGIC", customer: "6281200004033704"),
            timestamp: harness.timestamp(), channel: "95221"))
        #expect(magic.code == "4033804")
    }

    // MARK: - DOKU's balance answer

    @Test func doku_BalanceAnswerCarriesOnlyWhatItsModelTakes() throws {
        var harness = ProfileHarness()
        let doku = try harness.partner("snapsim-doku")
        let token = try harness.b2bToken(doku, path: "/authorization/v1/access-token/b2b", utc: true)
        let customer = try #require(try harness.customerToken(
            doku, path: "/authorization/v1/access-token/b2b2c", authCode: "snapsim-authcode-siti", utc: true)
            .body["accessToken"]?.stringValue)
        let answer = harness.send(try harness.transaction(
            doku, path: "/direct-debit/core/v1/balance-inquiry", body: #"{"additionalInfo":{"channel":"EMONEY_DANA_SNAP"}}"#,
            token: token, timestamp: harness.timestamp(utc: true), channel: "DH",
            extraHeaders: ["Authorization-Customer": customer]))
        #expect(answer.code == "2001100")
        #expect(answer.body.keys.sorted() == ["accountInfos", "responseCode", "responseMessage"])
        #expect(answer.body["accountInfos"]?.arrayValue?.first?.objectValue?["availableBalance"] == ["value": "5000000.00", "currency": "IDR"])
    }
}
