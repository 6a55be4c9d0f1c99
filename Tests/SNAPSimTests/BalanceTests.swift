import Testing

@testable import SNAPSim
import SimJSON

@Suite struct BalanceInquiryTests {
    @Test func inquiry_AnswersSeed002Shape() {
        var harness = ServiceHarness()
        let answer = harness.call(.balanceInquiry, body: Bodies.balanceInquiry("12345678"))
        #expect(answer.status == 200)
        #expect(answer.responseCode == "2001100")
        #expect(answer.body.objectValue?.keys == [
            "responseCode", "responseMessage", "referenceNo", "partnerReferenceNo", "accountNo", "name", "accountInfos",
        ])
        #expect(answer.string("/accountNo") == "12345678")
        #expect(answer.string("/name") == "merchant name")
        let info: JSONValue = [
            "balanceType": "BALANCE",
            "amount": .amount("200000.00"),
            "floatAmount": .amount("50000.00"),
            "holdAmount": .amount("20000.00"),
            "availableBalance": .amount("130000.00"),
            "ledgerBalance": .amount("30000.00"),
            "currentMultilateralLimit": .amount("10000.00"),
            "registrationStatusCode": "0001",
            "status": "0001",
        ]
        #expect(answer["/accountInfos"] == [info])
    }

    @Test func inquiry_EchoesMsId_PerSeed003() {
        var harness = ServiceHarness()
        let answer = harness.call(.balanceInquiry, body: Bodies.balanceInquiry("IONPAYTEST", msId: "IONPAYMS01"))
        #expect(answer.responseCode == "2001100")
        #expect(answer["/additionalInfo"] == ["msId": "IONPAYMS01"])
    }

    @Test func inquiry_EchoesAdditionalInfo_PerSeed002() {
        var harness = ServiceHarness()
        let answer = harness.call(.balanceInquiry, body: [
            "accountNo": "12345678", "additionalInfo": ["channel": "mobilephone", "deviceId": "12345678"],
        ])
        #expect(answer["/additionalInfo"] == ["channel": "mobilephone", "deviceId": "12345678"])
        #expect(answer["/partnerReferenceNo"] == nil)
    }

    @Test func inquiry_Answers4041108_WhenMsIdIsNotTheAccounts() {
        var harness = ServiceHarness()
        let answer = harness.call(.balanceInquiry, body: Bodies.balanceInquiry("IONPAYTEST", msId: "OTHERMS"))
        #expect(answer.status == 404)
        #expect(answer.responseCode == "4041108")
        #expect(answer.responseMessage == "Invalid Merchant")
        #expect(harness.call(.balanceInquiry, body: Bodies.balanceInquiry("12345678", msId: "IONPAYMS01")).responseCode == "4041108")
    }

    @Test func inquiry_Answers4041111_WhenAccountUnknown() {
        var harness = ServiceHarness()
        let answer = harness.call(.balanceInquiry, body: Bodies.balanceInquiry("404404"))
        #expect(answer.status == 404)
        #expect(answer.responseCode == "4041111")
    }

    @Test func inquiry_FiltersBalanceTypes() {
        var harness = ServiceHarness()
        var body = Bodies.balanceInquiry("0099887766").objectValue ?? [:]
        #expect(harness.call(.balanceInquiry, body: .object(body))["/accountInfos"]?.arrayValue?.count == 2)
        body["balanceTypes"] = ["FLOAT"]
        let answer = harness.call(.balanceInquiry, body: .object(body))
        #expect(answer["/accountInfos"]?.arrayValue?.count == 1)
        #expect(answer.string("/accountInfos/0/balanceType") == "FLOAT")
    }

    @Test func inquiry_ReportsAccountStatus() {
        var harness = ServiceHarness()
        #expect(harness.call(.balanceInquiry, body: Bodies.balanceInquiry("0011223344")).string("/accountInfos/0/status") == "0002")
        let dormant = harness.call(.balanceInquiry, body: Bodies.balanceInquiry("0055667788"))
        #expect(dormant.string("/accountInfos/0/status") == "0009")
        #expect(dormant.string("/accountInfos/0/registrationStatusCode") == "0004")
    }

    @Test func inquiry_ValidatesFields() {
        var harness = ServiceHarness()
        #expect(harness.call(.balanceInquiry, body: ["partnerReferenceNo": "1"]).responseMessage == "Invalid Mandatory Field accountNo")
        #expect(harness.call(.balanceInquiry, body: ["accountNo": "12345678", "balanceTypes": "BALANCE"]).responseMessage
            == "Invalid Field Format balanceTypes")
        #expect(harness.call(.balanceInquiry, body: ["accountNo": "12345678", "additionalInfo": ["msId": 5]]).responseMessage
            == "Invalid Field Format additionalInfo.msId")
        #expect(harness.call(.balanceInquiry, body: ["accountNo": "12345678", "additionalInfo": ["msId": .string(String(repeating: "m", count: 21))]]).responseCode
            == "4001101")
    }
}

@Suite struct BalanceLimitCheckTests {
    private func limit(_ harness: inout ServiceHarness, _ accountId: String) -> Answer {
        harness.call(.balanceLimitCheck, query: "accountId=\(accountId)")
    }

    @Test func limit_AnswersPlainNumbers_ForBasicCustomer() {
        var harness = ServiceHarness()
        let answer = limit(&harness, "081977817902")
        #expect(answer.status == 200)
        #expect(answer.response.map { String(decoding: $0.body, as: UTF8.self) }
            == #"{"topupLimit":2000000.00,"topupLimitMonthly":20000000.00,"sisaTopup":1850000.00}"#)
    }

    @Test func limit_UsesPremiumCaps() {
        var harness = ServiceHarness()
        let answer = limit(&harness, "081300000001")
        #expect(answer["/topupLimit"] == .number("20000000.00"))
        #expect(answer["/topupLimitMonthly"] == .number("40000000.00"))
        #expect(answer["/sisaTopup"] == .number("15000000.00"))
    }

    @Test(arguments: [
        ("081234560002", "0.00"), // basic, exactly at the balance cap
        ("081300000002", "0.00"), // premium, exactly at the balance cap
        ("081234560003", "10000.00"), // basic, monthly headroom smaller
        ("081300000003", "1000000.00"), // premium, monthly headroom smaller
        ("081234560001", "2000000.00"), // empty basic account
    ])
    func limit_SisaTopupIsTheSmallerHeadroom(accountId: String, sisa: String) {
        var harness = ServiceHarness()
        #expect(limit(&harness, accountId)["/sisaTopup"] == .number(sisa))
    }

    @Test func limit_SisaTopupNeverBelowZero_WhenFixtureStartsOverTheCap() throws {
        var files = DefaultFixtures.files
        files.append(("zz.json", #"{"customers": [{"customerNumber": "081288887777", "name": "Over", "tier": "basic", "balance": "2500000.00", "toppedUpThisMonth": "25000000.00"}]}"#))
        var harness = ServiceHarness(fixtures: try LoadedFixtures.load(files: files))
        #expect(limit(&harness, "081288887777")["/sisaTopup"] == .number("0.00"))
        #expect(harness.call(.emoneyAccountInquiry, body: Bodies.accountInquiry("081288887777"))["/maxAmount"] == .amount("0.00"))
    }

    @Test func limit_DropsAfterATopUp_ToExactlyZero() {
        var harness = ServiceHarness()
        harness.call(.customerTopUp, body: Bodies.topUp("081234560001", amount: "1999999.99", reference: "L1"))
        #expect(limit(&harness, "081234560001")["/sisaTopup"] == .number("0.01"))
        #expect(harness.call(.customerTopUp, body: Bodies.topUp("081234560001", amount: "0.02", reference: "L2")).responseCode == "4043813")
        harness.call(.customerTopUp, body: Bodies.topUp("081977817902", amount: "1850000.00", reference: "L3"))
        #expect(limit(&harness, "081977817902")["/sisaTopup"] == .number("0.00"))
    }

    @Test func limit_MonthlyHeadroomResets_WhenTheClockCrossesIntoTheNextJakartaMonth() {
        var harness = ServiceHarness()
        // Dedi: 19,990,000 topped up in November; balance 100,000.
        harness.clock.set(CivilDate(year: 2026, month: 11, day: 30, hour: 23, minute: 59, second: 59).time(offsetMinutes: 420))
        #expect(limit(&harness, "081234560003")["/sisaTopup"] == .number("10000.00"))
        harness.call(.customerTopUp, body: Bodies.topUp("081234560003", amount: "10000.00", reference: "M1"))
        #expect(limit(&harness, "081234560003")["/sisaTopup"] == .number("0.00"))
        harness.clock.advance(by: .milliseconds(999))
        #expect(limit(&harness, "081234560003")["/sisaTopup"] == .number("0.00"))
        // One more millisecond: 1 December 00:00 Jakarta, still 30 November 17:00 in UTC. The month follows Jakarta.
        harness.clock.advance(by: .milliseconds(1))
        #expect(limit(&harness, "081234560003")["/sisaTopup"] == .number("1890000.00"))
        // …and the December top-up counts for December only.
        harness.call(.customerTopUp, body: Bodies.topUp("081234560003", amount: "90000.00", reference: "M2"))
        #expect(harness.state.ledger.toppedUp("081234560003", inMonthOf: harness.time) == Amount(rupiah: 90_000))
        #expect(limit(&harness, "081234560003")["/sisaTopup"] == .number("1800000.00"))
        // Back in November (clock set back), November's total is intact.
        harness.clock.advance(by: .seconds(-1))
        #expect(harness.state.ledger.toppedUp("081234560003", inMonthOf: harness.time) == Amount(rupiah: 20_000_000))
    }

    @Test(arguments: [("081234560001", "2000000.00", "2000001.00"), ("081300000001", "15000000.00", "15000001.00")])
    func limit_IsExactlyReachable_AndOneRupiahOverIsRefused(accountId: String, headroom: String, over: String) {
        var harness = ServiceHarness()
        #expect(limit(&harness, accountId)["/sisaTopup"] == .number(headroom))
        #expect(harness.call(.customerTopUp, body: Bodies.topUp(accountId, amount: over, reference: "O1")).responseCode == "4033802")
        #expect(limit(&harness, accountId)["/sisaTopup"] == .number(headroom))
        #expect(harness.call(.customerTopUp, body: Bodies.topUp(accountId, amount: headroom, reference: "O2")).responseCode == "2003800")
        #expect(limit(&harness, accountId)["/sisaTopup"] == .number("0.00"))
        #expect(harness.call(.customerTopUp, body: Bodies.topUp(accountId, amount: "10000.00", reference: "O3")).responseCode == "4033802")
    }

    @Test func limit_ValidatesAccountId() {
        var harness = ServiceHarness()
        let missing = harness.call(.balanceLimitCheck)
        #expect(missing.status == 400)
        #expect(missing.responseCode == "4000002")
        #expect(missing.responseMessage == "Invalid Mandatory Field accountId")
        #expect(limit(&harness, "62812").responseMessage == "Invalid Field Format accountId")
        #expect(limit(&harness, "081299999999").responseCode == "4040011")
        #expect(harness.call(.balanceLimitCheck, query: "accountId=%30%38%31%39%37%37%38%31%37%39%30%32")["/sisaTopup"] == .number("1850000.00"))
    }
}
