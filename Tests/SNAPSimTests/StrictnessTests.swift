import SimHTTP
import Testing

@testable import SNAPSim
import SimJSON

/// What real providers refuse (issue 11 item 6) and the one rendering boundary (item 7).
@Suite struct StrictnessTests {
    @Test func authorizationWithoutBearer_IsRefused_OnTransactionsAndTheLimitCheck() throws {
        let world = ControlWorld()
        let token = try world.token(for: .alpha)
        var request = world.transaction(.alpha, token: token, ControlWorld.balancePath, Bodies.balanceInquiry())
        request.headers["Authorization"] = token
        let answer = world.send(request)
        #expect(answer.code == "4011101")
        #expect(answer.causes == ["token-without-bearer"])

        let limit = world.send(HTTPRequest(
            method: .get, target: "/b2b/customer/balance/limit?accountId=081977817902", headers: ["Authorization": token]))
        #expect(limit.status == 401)
        let bearer = world.send(HTTPRequest(
            method: .get, target: "/b2b/customer/balance/limit?accountId=081977817902",
            headers: ["Authorization": "Bearer " + token]))
        #expect(bearer.status == 200)
    }

    @Test func externalID_ThatIsNotPrintableASCII_IsRefusedNamingTheHeader() throws {
        let world = ControlWorld()
        let token = try world.token(for: .alpha)
        for bad in ["abc def", "abc\u{7F}", "naïve-1"] {
            var request = world.transaction(.alpha, token: token, ControlWorld.balancePath, Bodies.balanceInquiry())
            request.headers["X-EXTERNAL-ID"] = bad
            let answer = world.send(request)
            #expect(answer.status == 400, "\(bad)")
            #expect(answer.message?.contains("X-EXTERNAL-ID") == true, "\(answer.text)")
        }
    }

    @Test func clockAdvance_RefusesNegativeAndSaysWhenTooLarge() throws {
        let world = ControlWorld()
        let negative = try world.admin(.post, "/_sim/clock", ["advance": "-5s"])
        #expect(negative.status == 400)
        #expect(negative["/error"]?.stringValue?.contains("negative") == true)
        let huge = try world.admin(.post, "/_sim/clock", ["advance": "99999999999d"])
        #expect(huge.status == 400)
        #expect(huge["/error"]?.stringValue?.contains("too large") == true)
        let garbage = try world.admin(.post, "/_sim/clock", ["advance": "soon"])
        #expect(garbage["/error"]?.stringValue?.contains("not a duration") == true)
    }

    @Test func unroutedAnswers_CarryTimestampAndCatalogueCodes() {
        let world = ControlWorld()
        let notFound = world.send(HTTPRequest(method: .post, target: "/v1.0/nowhere"))
        #expect(notFound.status == 404)
        #expect(notFound.code == "4040002")
        #expect(notFound.message == "Invalid Routing")
        #expect(notFound.headers["X-TIMESTAMP"] == world.now)
        let wrongMethod = world.send(HTTPRequest(method: .get, target: ControlWorld.balancePath))
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.code == "4050000")
        #expect(wrongMethod.headers["Allow"] == "POST")
        #expect(wrongMethod.headers["X-TIMESTAMP"] != nil)
    }

    @Test func dokuUnroutedAnswers_CarryOnlyWhatItsSDKParses() {
        let world = ControlWorld()
        let byPath = world.send(HTTPRequest(method: .post, target: "/direct-debit/core/v1/no-such-service"))
        #expect(byPath.status == 404)
        #expect(byPath.body.keys.sorted() == ["responseCode", "responseMessage"])
        let byPartner = world.send(HTTPRequest(method: .post, target: "/elsewhere", headers: ["X-PARTNER-ID": "snapsim-doku"]))
        #expect(byPartner.body.keys.sorted() == ["responseCode", "responseMessage"])
        #expect(byPartner.headers["X-Snapsim-Explain"] != nil)
    }

    @Test func danaRulePatch_ShowsTheCustomerNumberInDanasForm() throws {
        var harness = ProfileHarness()
        let dana = try harness.partner("snapsim-dana")
        let body = DialectAnswerTests.danaTopUpBody("DANA-REKON", customer: "6281299990500", amount: "10000.00")
        let answer = harness.send(try harness.transaction(
            dana, path: DialectAnswerTests.danaTopUp, body: body, timestamp: harness.timestamp(), channel: "95221"))
        #expect(answer.status == 500)
        #expect(answer.code == "5003800")
        #expect(answer.body["customerNumber"] == "6281299990500", "\(answer.text)")
    }
}
