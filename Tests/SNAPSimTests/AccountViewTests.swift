import SimHTTP
import Testing

@testable import SNAPSim

/// `GET /_sim/accounts/{id}`: the ledger as the fixtures open it, and as each partner sees it.
@Suite struct AccountViewTests {
    let world = ControlWorld()

    @Test func customer_ShowsThePartnersLedger_AndTheOpeningOneWithoutPartner() throws {
        let token = try world.token(for: .alpha)
        let topUp = world.send(world.transaction(.alpha, token: token, ControlWorld.topUpPath, Bodies.topUp("081977817902", amount: "50000.00", reference: "T-1")))
        #expect(topUp.code == "2003800")

        let alpha = try world.admin(.get, "/_sim/accounts/081977817902?partner=partner-alpha")
        #expect(alpha.status == 200)
        #expect(alpha["/kind"] == "emoney-customer")
        #expect(alpha["/balance"] == .amount("200000.00"))
        #expect(alpha["/toppedUpThisMonth"] == .amount("550000.00"))
        #expect(alpha["/mayTopUp"] == .amount("1800000.00"))
        #expect(alpha["/topUpCount"] == 1)
        #expect(alpha["/topUps/0/partnerReferenceNo"] == "T-1")
        #expect(alpha["/topUps/0/status"] == "00")

        let beta = try world.admin(.get, "/_sim/accounts/081977817902?partner=partner-beta")
        #expect(beta["/balance"] == .amount("150000.00"))
        #expect(beta["/topUpCount"] == 0)
        #expect(try world.admin(.get, "/_sim/accounts/081977817902")["/partner"] == .null)
    }

    @Test func merchantAccount_ShowsItsBalances() throws {
        let account = try world.admin(.get, "/_sim/accounts/12345678")
        #expect(account["/kind"] == "merchant-account")
        #expect(account["/accountInfos/0/balanceType"] != nil)
    }

    @Test func unknownIdOrPartner_Is404() throws {
        #expect(try world.admin(.get, "/_sim/accounts/0000").status == 404)
        #expect(try world.admin(.get, "/_sim/accounts/12345678?partner=nobody").status == 404)
        #expect(try world.admin(.post, "/_sim/accounts/12345678").status == 405)
    }
}
