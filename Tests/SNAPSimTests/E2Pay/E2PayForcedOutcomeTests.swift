import SimHTTP
import SimJSON
import Testing

@testable import SNAPSim

/// Forced outcomes (`POST /_sim/faults`) apply to e2pay routes as to SNAP routes, answered in E2Pay's envelope.
@Suite struct E2PayForcedOutcomeTests {
    let e2pay = E2PayHarness()

    @Test func forcedE2PayCode_AnswersOnce_ThenTheServiceAnswersAgain() throws {
        let (created, _) = e2pay.send(.post, "/_sim/faults", E2PayHarness.admin, """
            {"partner":"snapsim-demo","when":{"service":"e2pay-customer-account"},"then":{"case":"96"},"times":1}
            """)
        #expect(created == 200 || created == 201)
        let user = E2PayHarness.bearer(e2pay.userToken("081977817902"))
        let (status, body) = e2pay.send(.get, "/switching/b2b/customer/me/account", user)
        #expect(status == 504)
        #expect(body.text("responseCode") == "96")
        #expect(body.text("responseMessage") == "Host Connection Timeout (Pending)")
        let (again, account) = e2pay.send(.get, "/switching/b2b/customer/me/account", user)
        #expect(again == 200)
        #expect(account.text("accountId") == "081977817902")
    }

    @Test func forcedFault_ClosesTheConnection_OnAnE2PayRoute() {
        let (created, _) = e2pay.send(.post, "/_sim/faults", E2PayHarness.admin, """
            {"partner":"snapsim-demo","when":{"service":"e2pay-customer-account"},"then":{"fault":"closeConnection"},"times":1}
            """)
        #expect(created == 200 || created == 201)
        let user = E2PayHarness.bearer(e2pay.userToken("081977817902"))
        let (status, _) = e2pay.send(.get, "/switching/b2b/customer/me/account", user)
        #expect(status == 0)
    }

    @Test func forcedSNAPCase_OnAnE2PayService_IsRefused_NamingTheE2PayCodes() {
        let (status, body) = e2pay.send(.post, "/_sim/faults", E2PayHarness.admin, """
            {"partner":"snapsim-demo","when":{"service":"e2pay-history"},"then":{"case":"403xx04"}}
            """)
        #expect(status == 422)
        #expect(body.compactText.contains("not an E2Pay code of e2pay.json"))
    }

    @Test func forcedRule_ForTheTokenRoute_IsRefused() {
        let (status, body) = e2pay.send(.post, "/_sim/faults", E2PayHarness.admin, """
            {"partner":"snapsim-demo","when":{"service":"e2pay-token"},"then":{"case":"96"}}
            """)
        #expect(status == 422)
        #expect(body.compactText.contains("rules do not apply to token requests"))
    }
}
