import Testing

@testable import SNAPSim
import SimJSON

@Suite struct AccountInquiryTests {
    @Test func inquiry_AnswersSeed001Shape_WhenCustomerKnown() {
        var harness = ServiceHarness()
        let answer = harness.call(.emoneyAccountInquiry, body: Bodies.accountInquiry())
        #expect(answer.status == 200)
        #expect(answer.body.objectValue?.keys == [
            "responseCode", "responseMessage", "referenceNo", "partnerReferenceNo", "customerNumber", "customerName",
            "minAmount", "maxAmount", "amount", "feeAmount", "feeType",
        ])
        #expect(answer.responseCode == "2003700")
        #expect(answer.responseMessage == "Successful")
        #expect(answer.string("/partnerReferenceNo") == "78912343452347893")
        #expect(answer.string("/customerNumber") == "0819****7902")
        #expect(answer.string("/customerName") == "Bu** Sa****")
        #expect(answer["/minAmount"] == .amount("10000.00"))
        // basic: min(2,000,000 − 150,000, 20,000,000 − 500,000)
        #expect(answer["/maxAmount"] == .amount("1850000.00"))
        #expect(answer["/amount"] == .amount("10000.00"))
        #expect(answer["/feeAmount"] == .amount("1500.00"))
        #expect(answer.string("/feeType") == "OUR")
        #expect(answer.string("/referenceNo")?.count == 20)
    }

    @Test func inquiry_MaxAmountIsZero_WhenCustomerAtBalanceCap() {
        var harness = ServiceHarness()
        #expect(harness.call(.emoneyAccountInquiry, body: Bodies.accountInquiry("081234560002"))["/maxAmount"] == .amount("0.00"))
    }

    @Test func inquiry_MaxAmountIsMonthlyHeadroom_WhenSmallerThanBalanceHeadroom() {
        var harness = ServiceHarness()
        #expect(harness.call(.emoneyAccountInquiry, body: Bodies.accountInquiry("081234560003"))["/maxAmount"] == .amount("10000.00"))
        #expect(harness.call(.emoneyAccountInquiry, body: Bodies.accountInquiry("081300000003"))["/maxAmount"] == .amount("1000000.00"))
    }

    @Test func inquiry_UsesPremiumLimits_ForPremiumCustomer() {
        var harness = ServiceHarness()
        let answer = harness.call(.emoneyAccountInquiry, body: Bodies.accountInquiry("081300000001"))
        #expect(answer["/maxAmount"] == .amount("15000000.00"))
        #expect(answer["/feeAmount"] == .amount("1000.00"))
    }

    @Test(arguments: [
        ("partnerReferenceNo", JSONValue.string(String(repeating: "1", count: 65))),
        ("partnerReferenceNo", 12345),
        ("customerNumber", "628197781790"),
        ("customerNumber", "08197781790212345"),
        ("customerNumber", "0819-7781790"),
        ("customerNumber", 81_977_817_902),
        ("amount", "10000.00"),
        ("transactionDate", "2022-11-15 14:56:11"),
        ("transactionDate", "2022-13-15T14:56:11+07:00"),
        ("additionalInfo", "x"),
    ])
    func inquiry_Answers4003701NamingTheField_WhenFormatIsWrong(field: String, value: JSONValue) {
        var body = Bodies.accountInquiry().objectValue ?? [:]
        body[field] = value
        var harness = ServiceHarness()
        let answer = harness.call(.emoneyAccountInquiry, body: .object(body))
        #expect(answer.status == 400)
        #expect(answer.responseCode == "4003701")
        #expect(answer.responseMessage == "Invalid Field Format \(field)")
    }

    @Test(arguments: [
        (JSONValue.amount("10000"), "amount.value"), (JSONValue.object(["value": "1.00", "currency": "USD"]), "amount.currency"),
    ])
    func inquiry_NamesTheAmountPart_WhenAmountMalformed(amount: JSONValue, field: String) {
        var body = Bodies.accountInquiry().objectValue ?? [:]
        body["amount"] = amount
        var harness = ServiceHarness()
        let answer = harness.call(.emoneyAccountInquiry, body: .object(body))
        #expect(answer.responseCode == "4003701")
        #expect(answer.responseMessage == "Invalid Field Format \(field)")
    }

    @Test(arguments: ["partnerReferenceNo", "customerNumber", "amount", "transactionDate"])
    func inquiry_Answers4003702NamingTheField_WhenMandatoryMissing(field: String) {
        var body = Bodies.accountInquiry().objectValue ?? [:]
        body[field] = nil
        var harness = ServiceHarness()
        let answer = harness.call(.emoneyAccountInquiry, body: .object(body))
        #expect(answer.status == 400)
        #expect(answer.responseCode == "4003702")
        #expect(answer.responseMessage == "Invalid Mandatory Field \(field)")
    }

    @Test func inquiry_Answers4003702_WhenMandatoryIsEmptyOrNull() {
        var harness = ServiceHarness()
        var body = Bodies.accountInquiry().objectValue ?? [:]
        body["customerNumber"] = ""
        #expect(harness.call(.emoneyAccountInquiry, body: .object(body)).responseMessage == "Invalid Mandatory Field customerNumber")
        body["customerNumber"] = .null
        #expect(harness.call(.emoneyAccountInquiry, body: .object(body)).responseCode == "4003702")
        body = Bodies.accountInquiry().objectValue ?? [:]
        body["amount"] = ["currency": "IDR"]
        #expect(harness.call(.emoneyAccountInquiry, body: .object(body)).responseMessage == "Invalid Mandatory Field amount.value")
    }

    @Test(arguments: ["", "not json", "[1,2]", "\"text\"", "{\"a\":", "{\"a\":1}}"])
    func inquiry_Answers4003700_WhenBodyIsNotAJSONObject(raw: String) {
        var harness = ServiceHarness()
        let answer = harness.call(.emoneyAccountInquiry, rawBody: raw)
        #expect(answer.status == 400)
        #expect(answer.responseCode == "4003700")
        #expect(answer.responseMessage == "Bad Request")
    }

    @Test func inquiry_Answers4043711_WhenCustomerUnknown() {
        var harness = ServiceHarness()
        let answer = harness.call(.emoneyAccountInquiry, body: Bodies.accountInquiry("081299999999"))
        #expect(answer.status == 404)
        #expect(answer.responseCode == "4043711")
        #expect(answer.responseMessage == "Invalid Card/Account/Customer/Virtual Account")
    }

    @Test(arguments: [("081500000001", "4033718"), ("081500000002", "4033709"), ("081500000003", "4033705")])
    func inquiry_RefusesCustomer_WhenNotActive(number: String, code: String) {
        var harness = ServiceHarness()
        let answer = harness.call(.emoneyAccountInquiry, body: Bodies.accountInquiry(number))
        #expect(answer.status == 403)
        #expect(answer.responseCode == code)
    }

    @Test func inquiry_Answers4033704_AfterTheTiersDailyLimit() {
        var harness = ServiceHarness()
        for _ in 0..<10 {
            #expect(harness.call(.emoneyAccountInquiry, body: Bodies.accountInquiry()).responseCode == "2003700")
        }
        let refused = harness.call(.emoneyAccountInquiry, body: Bodies.accountInquiry())
        #expect(refused.status == 403)
        #expect(refused.responseCode == "4033704")
        #expect(refused.responseMessage == "Activity Count Limit Exceeded")
        // Another customer has its own count.
        #expect(harness.call(.emoneyAccountInquiry, body: Bodies.accountInquiry("081234560001")).responseCode == "2003700")
    }

    @Test func inquiry_CountRestarts_OnTheNextJakartaDay() {
        var harness = ServiceHarness()
        // 23:59 Jakarta, then 00:00 Jakarta the next day (17:00Z: not a UTC day boundary).
        harness.time = CivilDate(year: 2026, month: 11, day: 21, hour: 23, minute: 59).time(offsetMinutes: 420)
        for _ in 0..<10 { harness.call(.emoneyAccountInquiry, body: Bodies.accountInquiry()) }
        #expect(harness.call(.emoneyAccountInquiry, body: Bodies.accountInquiry()).responseCode == "4033704")
        harness.time = CivilDate(year: 2026, month: 11, day: 22).time(offsetMinutes: 420)
        #expect(harness.call(.emoneyAccountInquiry, body: Bodies.accountInquiry()).responseCode == "2003700")
    }

    @Test func inquiry_Answers4033701_WhenPartnerMayNotCallIt() {
        var harness = ServiceHarness(partner: "snapsim-balance-only")
        let answer = harness.call(.emoneyAccountInquiry, body: Bodies.accountInquiry())
        #expect(answer.status == 403)
        #expect(answer.responseCode == "4033701")
        #expect(answer.responseMessage == "Feature Not Allowed")
        #expect(harness.call(.balanceInquiry, body: Bodies.balanceInquiry()).responseCode == "2001100")
    }

    @Test func permissionCheck_ComesBeforeBodyValidation() {
        var harness = ServiceHarness(partner: "snapsim-balance-only")
        #expect(harness.call(.emoneyAccountInquiry, rawBody: "not json").responseCode == "4033701")
    }

    @Test func masking_KeepsEdgesOfNumbersAndNames() {
        #expect(Masking.customerNumber("081977817902") == "0819****7902")
        #expect(Masking.customerNumber("0812345678901234") == "0812********1234")
        #expect(Masking.customerNumber("08123456") == "08******")
        #expect(Masking.name("Budi Santoso") == "Bu** Sa****")
        #expect(Masking.name("Al Bo") == "A* B*")
        #expect(Masking.name("Maya Sari Dewi") == "Ma** Sa** De**")
        #expect(Masking.name("Ñoño") == "Ño**")
    }
}
