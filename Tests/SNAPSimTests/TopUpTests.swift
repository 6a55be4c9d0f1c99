import Testing

@testable import SNAPSim
import SimJSON

@Suite struct TopUpTests {
    @Test func topUp_CreditsAndAnswers2003800() {
        var harness = ServiceHarness()
        let answer = harness.call(.customerTopUp, body: Bodies.topUp(amount: "50000.00"))
        #expect(answer.status == 200)
        #expect(answer.responseCode == "2003800")
        #expect(answer.body.objectValue?.keys == [
            "responseCode", "responseMessage", "referenceNo", "partnerReferenceNo", "customerNumber", "amount",
        ])
        #expect(answer["/amount"] == .amount("50000.00"))
        #expect(harness.state.ledger.customer("081977817902")?.balance == Amount(rupiah: 200_000))
        #expect(harness.state.ledger.toppedUp("081977817902", inMonthOf: harness.time) == Amount(rupiah: 550_000))
    }

    @Test func topUp_EchoesSessionId_WhenGiven() {
        var harness = ServiceHarness()
        var body = Bodies.topUp().objectValue ?? [:]
        body["sessionId"] = "SESSION-1"
        #expect(harness.call(.customerTopUp, body: .object(body)).string("/sessionId") == "SESSION-1")
    }

    @Test func topUp_IsIdempotent_WhenSamePartnerReferenceAndPayload() {
        var harness = ServiceHarness()
        let first = harness.call(.customerTopUp, body: Bodies.topUp())
        // Same members in another order and with whitespace: the same payload.
        let reordered = #"{ "customerNumber": "081977817902", "partnerReferenceNo": "TOPUP-0001", "amount": {"currency": "IDR", "value": "50000.00"}, "transactionDate": "2026-11-21T10:00:00+07:00", "feeAmount": {"value": "1500.00", "currency": "IDR"} }"#
        let again = harness.call(.customerTopUp, rawBody: reordered)
        #expect(again.response?.body == first.response?.body)
        #expect(harness.state.ledger.customer("081977817902")?.balance == Amount(rupiah: 200_000))
        #expect(harness.state.ledger.topUps.count == 1)
    }

    @Test func topUp_Answers4043818_WhenSamePartnerReferenceWithOtherPayload() {
        var harness = ServiceHarness()
        harness.call(.customerTopUp, body: Bodies.topUp(amount: "50000.00"))
        let answer = harness.call(.customerTopUp, body: Bodies.topUp(amount: "60000.00"))
        #expect(answer.status == 404)
        #expect(answer.responseCode == "4043818")
        #expect(answer.responseMessage == "Inconsistent Request")
        #expect(harness.state.ledger.customer("081977817902")?.balance == Amount(rupiah: 200_000))
    }

    @Test func topUp_ReplaysARefusal_WhenRetriedUnchanged() {
        var harness = ServiceHarness()
        let refused = harness.call(.customerTopUp, body: Bodies.topUp("081234560002", amount: "10000.00"))
        #expect(refused.responseCode == "4033802")
        #expect(harness.call(.customerTopUp, body: Bodies.topUp("081234560002", amount: "10000.00")).response?.body == refused.response?.body)
    }

    @Test func topUp_AcceptsExactlyTheHeadroom_AndRefusesOneRupiahMore() {
        var harness = ServiceHarness()
        // Ani: basic, balance 0.00, nothing topped up: headroom 2,000,000.00.
        let over = harness.call(.customerTopUp, body: Bodies.topUp("081234560001", amount: "2000000.01", reference: "A1"))
        #expect(over.status == 403)
        #expect(over.responseCode == "4033802")
        #expect(over.responseMessage == "Exceeds Transaction Amount Limit")
        #expect(harness.call(.customerTopUp, body: Bodies.topUp("081234560001", amount: "2000000.00", reference: "A2")).responseCode == "2003800")
        #expect(harness.state.ledger.customer("081234560001")?.balance == Amount(rupiah: 2_000_000))
    }

    @Test func topUp_RespectsMonthlyCap() {
        var harness = ServiceHarness()
        // Dedi: 10,000.00 short of the basic monthly cap.
        #expect(harness.call(.customerTopUp, body: Bodies.topUp("081234560003", amount: "10000.01", reference: "D1")).responseCode == "4033802")
        #expect(harness.call(.customerTopUp, body: Bodies.topUp("081234560003", amount: "10000.00", reference: "D2")).responseCode == "2003800")
        #expect(harness.call(.customerTopUp, body: Bodies.topUp("081234560003", amount: "10000.00", reference: "D3")).responseCode == "4033802")
    }

    @Test func topUp_Answers4043813_WhenBelowMinimum() {
        var harness = ServiceHarness()
        let answer = harness.call(.customerTopUp, body: Bodies.topUp(amount: "9999.99"))
        #expect(answer.status == 404)
        #expect(answer.responseCode == "4043813")
        #expect(answer.responseMessage == "Invalid Amount")
    }

    @Test func topUp_Answers4003801_WhenAmountMalformed() {
        var harness = ServiceHarness()
        var body = Bodies.topUp().objectValue ?? [:]
        body["amount"] = .amount("50000")
        let answer = harness.call(.customerTopUp, body: .object(body))
        #expect(answer.responseCode == "4003801")
        #expect(answer.responseMessage == "Invalid Field Format amount.value")
        body["amount"] = nil
        #expect(harness.call(.customerTopUp, body: .object(body)).responseMessage == "Invalid Mandatory Field amount")
    }

    @Test(arguments: [("sessionId", JSONValue.string(String(repeating: "s", count: 26))), ("categoryId", "12a"), ("notes", 5), ("feeAmount", .amount("1.5"))])
    func topUp_Answers4003801_ForOptionalFieldsOfWrongForm(field: String, value: JSONValue) {
        var harness = ServiceHarness()
        var body = Bodies.topUp().objectValue ?? [:]
        body[field] = value
        #expect(harness.call(.customerTopUp, body: .object(body)).responseCode == "4003801")
    }

    @Test func topUp_Answers4043811_WhenCustomerUnknown() {
        var harness = ServiceHarness()
        #expect(harness.call(.customerTopUp, body: Bodies.topUp("081299999999")).responseCode == "4043811")
    }

    @Test func topUp_Answers4033818_WhenCustomerInactive() {
        var harness = ServiceHarness()
        #expect(harness.call(.customerTopUp, body: Bodies.topUp("081500000001")).responseCode == "4033818")
    }
}

@Suite struct TopUpStatusTests {
    @Test func status_FindsTopUp_ByEachReference() throws {
        var harness = ServiceHarness()
        let topUp = harness.call(.customerTopUp, body: Bodies.topUp(), externalID: "555001")
        let referenceNo = try #require(topUp.string("/referenceNo"))
        for body in [
            Bodies.topUpStatus(partnerReference: "TOPUP-0001"), Bodies.topUpStatus(reference: referenceNo),
            Bodies.topUpStatus(externalId: "555001"),
            Bodies.topUpStatus(partnerReference: "TOPUP-0001", reference: referenceNo, externalId: "555001"),
        ] {
            let answer = harness.call(.topUpStatus, body: body)
            #expect(answer.responseCode == "2003900")
            #expect(answer.string("/originalReferenceNo") == referenceNo)
            #expect(answer.string("/originalPartnerReferenceNo") == "TOPUP-0001")
            #expect(answer.string("/originalExternalId") == "555001")
            #expect(answer.string("/serviceCode") == "38")
            #expect(answer.string("/latestTransactionStatus") == "00")
            #expect(answer.string("/transactionStatusDesc") == "Success")
            #expect(answer["/amount"] == .amount("50000.00"))
        }
    }

    @Test func status_Answers07NotFound_WhenUnknownOrReferencesDisagree() throws {
        var harness = ServiceHarness()
        let unknown = harness.call(.topUpStatus, body: Bodies.topUpStatus(partnerReference: "NOPE"))
        #expect(unknown.responseCode == "2003900")
        #expect(unknown.string("/latestTransactionStatus") == "07")
        #expect(unknown.string("/transactionStatusDesc") == "Not Found")
        // Always present, zero when unknown: DANA's SDK model refuses a status answer without amount.
        #expect(unknown.string("/amount/value") == "0.00")
        harness.call(.customerTopUp, body: Bodies.topUp(reference: "R1"))
        harness.call(.customerTopUp, body: Bodies.topUp(reference: "R2", ), externalID: "777")
        let mixed = harness.call(.topUpStatus, body: Bodies.topUpStatus(partnerReference: "R1", externalId: "777"))
        #expect(mixed.string("/latestTransactionStatus") == "07")
    }

    @Test func status_Answers06Failed_ForARefusedTopUp() {
        var harness = ServiceHarness()
        harness.call(.customerTopUp, body: Bodies.topUp("081234560002", reference: "FULL-1"))
        let answer = harness.call(.topUpStatus, body: Bodies.topUpStatus(partnerReference: "FULL-1"))
        #expect(answer.string("/latestTransactionStatus") == "06")
        #expect(answer.string("/transactionStatusDesc") == "Failed")
    }

    @Test func status_ValidatesServiceCodeAndReferences() {
        var harness = ServiceHarness()
        let none = harness.call(.topUpStatus, body: ["serviceCode": "38"])
        #expect(none.responseCode == "4003902")
        #expect(none.responseMessage == "Invalid Mandatory Field originalPartnerReferenceNo")
        let wrong = harness.call(.topUpStatus, body: ["originalPartnerReferenceNo": "X", "serviceCode": "37"])
        #expect(wrong.responseCode == "4003901")
        #expect(wrong.responseMessage == "Invalid Field Format serviceCode")
        let missing = harness.call(.topUpStatus, body: ["originalPartnerReferenceNo": "X"])
        #expect(missing.responseMessage == "Invalid Mandatory Field serviceCode")
    }

    @Test(arguments: TransactionStatus.allCases)
    func transactionStatus_HasADescription(status: TransactionStatus) {
        #expect(!status.statusDescription.isEmpty)
        #expect(status.rawValue.count == 2)
    }
}
