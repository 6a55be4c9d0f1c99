import SimHTTP
import Testing

@testable import SNAPSim
import SimJSON

@Suite struct RuleTests {
    /// The default fixtures plus `rules` in a file read before `rules.json`, so they come first.
    private func fixtures(first rules: String) throws -> LoadedFixtures {
        try LoadedFixtures.load(files: DefaultFixtures.files + [("aa-rules.json", #"{"rules": \#(rules)}"#)])
    }

    @Test func firstMatchWins() throws {
        let rules = #"""
            [{"id": "one", "when": {"body": {"/customerNumber": {"prefix": "0819"}}}, "then": {"case": "500xx00"}},
             {"id": "two", "when": {"body": {"/customerNumber": "081977817902"}}, "then": {"case": "504xx00"}}]
            """#
        var harness = ServiceHarness(fixtures: try fixtures(first: rules))
        #expect(harness.call(.emoneyAccountInquiry, body: Bodies.accountInquiry()).responseCode == "5003700")
        #expect(harness.fixtures.rules.rules.prefix(2).map(\.id) == ["one", "two"])
    }

    @Test func caseOutcome_TakesTheCalledServicesCode() {
        var harness = ServiceHarness()
        #expect(harness.call(.customerTopUp, body: Bodies.topUp("081200004033704")).responseCode == "4033804")
        #expect(harness.call(.emoneyAccountInquiry, body: Bodies.accountInquiry("081200004033704")).responseCode == "4033704")
    }

    @Test func headerMatcher_IsCaseInsensitiveOnTheName() throws {
        let rules = #"[{"id": "h", "when": {"headers": {"X-Scenario": "fail"}}, "then": {"case": "500xx00"}}]"#
        var harness = ServiceHarness(fixtures: try fixtures(first: rules))
        #expect(harness.call(.balanceInquiry, body: Bodies.balanceInquiry(), headers: ["x-scenario": "fail"]).responseCode == "5001100")
        #expect(harness.call(.balanceInquiry, body: Bodies.balanceInquiry(), headers: ["x-scenario": "ok"]).responseCode == "2001100")
        #expect(harness.call(.balanceInquiry, body: Bodies.balanceInquiry()).responseCode == "2001100")
    }

    @Test func regexMatcher_MustMatchTheWholeValue() throws {
        let rules = #"[{"id": "r", "when": {"body": {"/accountNo": {"regex": "1234[0-9]{2}"}}}, "then": {"case": "500xx00"}}]"#
        var harness = ServiceHarness(fixtures: try fixtures(first: rules))
        #expect(harness.call(.balanceInquiry, body: Bodies.balanceInquiry("123456")).responseCode == "5001100")
        // 12345678 contains a match but is not one.
        #expect(harness.call(.balanceInquiry, body: Bodies.balanceInquiry("12345678")).responseCode == "2001100")
    }

    @Test func amountRange_IsInclusive() throws {
        let rules = #"[{"id": "a", "when": {"service": "emoney-account-inquiry", "body": {"/amount": {"amountRange": {"min": "20000.00", "max": "30000.00"}}}}, "then": {"case": "403xx02"}}]"#
        var harness = ServiceHarness(fixtures: try fixtures(first: rules))
        #expect(harness.call(.emoneyAccountInquiry, body: Bodies.accountInquiry(amount: "19999.99")).responseCode == "2003700")
        #expect(harness.call(.emoneyAccountInquiry, body: Bodies.accountInquiry(amount: "20000.00")).responseCode == "4033702")
        #expect(harness.call(.emoneyAccountInquiry, body: Bodies.accountInquiry(amount: "30000.00")).responseCode == "4033702")
        #expect(harness.call(.emoneyAccountInquiry, body: Bodies.accountInquiry(amount: "30000.01")).responseCode == "2003700")
    }

    @Test func presentMatcher_AndPartnerCondition() throws {
        let rules = #"[{"id": "p", "when": {"partner": "snapsim-demo-2", "body": {"/additionalInfo": {"present": true}}}, "then": {"case": "500xx00"}}]"#
        let loaded = try fixtures(first: rules)
        var body = Bodies.balanceInquiry().objectValue ?? [:]
        body["additionalInfo"] = [:]
        var other = ServiceHarness(fixtures: loaded, partner: "snapsim-demo-2")
        #expect(other.call(.balanceInquiry, body: .object(body)).responseCode == "5001100")
        #expect(other.call(.balanceInquiry, body: Bodies.balanceInquiry()).responseCode == "2001100")
        var demo = ServiceHarness(fixtures: loaded)
        #expect(demo.call(.balanceInquiry, body: .object(body)).responseCode == "2001100")
    }

    @Test func queryMatcher_AndFullBodyOutcome() {
        var harness = ServiceHarness()
        let answer = harness.call(.balanceLimitCheck, query: "accountId=081200005000000")
        #expect(answer.status == 500)
        #expect(answer.response.map { String(decoding: $0.body, as: UTF8.self) } == #"{"error":"Internal Server Error"}"#)
    }

    @Test func bodyPatch_AmendsTheNormalAnswer_AndKeepsLedgerEffects() {
        var harness = ServiceHarness()
        let answer = harness.call(.customerTopUp, body: Bodies.topUp("081299990500", amount: "10000.00", reference: "REKON-1"))
        #expect(answer.status == 500)
        #expect(answer.responseCode == "5003800")
        #expect(answer.responseMessage == "General Error")
        #expect(answer["/referenceNo"] == nil)
        #expect(answer.string("/partnerReferenceNo") == "REKON-1")
        #expect(harness.state.ledger.customer("081299990500")?.balance == Amount(rupiah: 20_000))
        let status = harness.call(.topUpStatus, body: Bodies.topUpStatus(partnerReference: "REKON-1"))
        #expect(status.string("/latestTransactionStatus") == "00")
    }

    @Test func delayOnly_DelaysTheNormalAnswer() {
        var harness = ServiceHarness()
        let answer = harness.call(.emoneyAccountInquiry, body: Bodies.accountInquiry("081299990003"))
        #expect(answer.responseCode == "2003700")
        #expect(answer.delay == .seconds(3))
    }

    @Test func successCase_AnswersTheBareEnvelope_WithoutRunningTheService() {
        var harness = ServiceHarness()
        let answer = harness.call(.customerTopUp, body: Bodies.topUp(amount: "7777777.50"))
        #expect(answer.status == 202)
        #expect(answer.response.map { String(decoding: $0.body, as: UTF8.self) } == #"{"responseCode":"2023800","responseMessage":"Request In Progress"}"#)
        #expect(harness.state.ledger.topUps.count == 0)
    }

    @Test(arguments: [("01", "Initiated"), ("03", "Pending"), ("05", "Canceled")])
    func statusPrefix_PatchesTheLatestStatus(status: String, description: String) throws {
        var harness = ServiceHarness()
        let topUp = harness.call(.customerTopUp, body: Bodies.topUp(reference: "STATUS\(status)-abc"))
        let answer = harness.call(.topUpStatus, body: Bodies.topUpStatus(partnerReference: "STATUS\(status)-abc"))
        #expect(answer.string("/latestTransactionStatus") == status)
        #expect(answer.string("/transactionStatusDesc") == description)
        #expect(answer.string("/originalReferenceNo") == topUp.string("/referenceNo"))
        #expect(answer.responseCode == "2003900")
    }

    @Test func bodyConditions_NeverMatch_WhenBodyIsNotJSON() {
        var harness = ServiceHarness()
        #expect(harness.call(.emoneyAccountInquiry, rawBody: #"{"customerNumber": "081200005003700""#).responseCode == "4003700")
    }

    @Test func matchers_Summarise() throws {
        let rule = try #require(LoadedFixtures.defaults.rules.rules.first { $0.id == "emoney-timeout" })
        #expect(rule.conditions.map(\.summary) == [
            "service in [emoney-account-inquiry, emoney-topup]", #"body /customerNumber = "081200005043700""#,
        ])
        #expect(rule.outcome.summary == "answer 504xx00 after 3000 ms")
        #expect(rule.origin == "rules.json /rules/9")
    }

    @Test func respond_ReportsTheDecidingRule() {
        let harness = ServiceHarness()
        var state = harness.state
        let entry = harness.fixtures.router.entries.first { $0.route.serviceName == ServiceDescriptor.emoneyAccountInquiry.name }
        func result(_ body: JSONValue) -> ServiceResult {
            let exchange = Exchange(
                request: HTTPRequest(method: .post, target: entry?.path ?? "/", body: body.compactBytes),
                route: entry?.route ?? Route(serviceName: "", serviceCode: "37", security: .transaction), receivedAt: harness.time)
            return ServiceRegistry().respond(exchange, caller: harness.caller, fixtures: harness.fixtures, state: &state)
        }
        #expect(result(Bodies.accountInquiry("081200004033704")).rule == "emoney-activity-count-limit")
        #expect(result(Bodies.accountInquiry()).rule == nil)
        let refused = result(Bodies.accountInquiry("081299999999"))
        #expect(refused.rule == nil)
        guard case .rejected(let error, _) = refused.outcome else {
            Issue.record("expected a rejection")
            return
        }
        #expect(error.key == CaseKey(httpStatus: 404, caseCode: "11"))
    }

    @Test func mergePatch_FollowsRFC7396() {
        let target: JSONValue = ["a": "b", "c": ["d": "e", "f": "g"]]
        let patch: JSONValue = ["a": "z", "c": ["f": nil], "new": 1]
        #expect(JSONMergePatch.apply(patch, to: target) == ["a": "z", "c": ["d": "e"], "new": 1])
        #expect(JSONMergePatch.apply("x", to: target) == "x")
    }
}
