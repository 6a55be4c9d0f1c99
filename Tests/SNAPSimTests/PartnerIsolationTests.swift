import Dispatch
import SimHTTP
import Synchronization
import Testing

@testable import SNAPSim
import SimJSON

/// One lock per partner, determinism per partner, tenants kept apart (issue 11 items 1 and 5).
@Suite struct PartnerIsolationTests {
    @Test func partnerB_IsAnswered_WhilePartnerAsStateIsLocked() throws {
        let world = ControlWorld()
        let betaToken = try world.token(for: .beta)
        _ = try world.token(for: .alpha)
        // Holding alpha's lock, a request of beta must still be answered: with one lock for everyone this call
        // would wait for itself forever.
        let answer = world.simulator.withPartner(TestPartner.alpha.id) { _, _ in
            world.send(world.transaction(.beta, token: betaToken, ControlWorld.balancePath, Bodies.balanceInquiry()))
        }
        #expect(answer.code == "2001100", "\(answer.text)")
    }

    @Test func concurrentRequests_OfTwoPartners_LoseNoUpdate() throws {
        let world = ControlWorld()
        let tokens = [TestPartner.alpha.id: try world.token(for: .alpha), TestPartner.beta.id: try world.token(for: .beta)]
        let answers = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 40) { index in
            let partner: TestPartner = index % 2 == 0 ? .alpha : .beta
            let body = Bodies.topUp("081234560001", amount: "10000.00", reference: "C-\(index)")
            let answer = world.send(world.transaction(partner, token: tokens[partner.id], ControlWorld.topUpPath, body))
            answers.withLock { $0.append(answer.code ?? "") }
        }
        #expect(answers.withLock { $0 } == Array(repeating: "2003800", count: 40))
        for partner in [TestPartner.alpha, .beta] {
            #expect(world.simulator.partnerState(partner.id)?.ledger.customer("081234560001")?.balance == Amount(rupiah: 200_000))
        }
    }

    @Test func partnersAnswers_DoNotDependOnOtherPartnersTraffic() throws {
        func betaTranscript(alphaCalls: Int) throws -> [String] {
            let world = ControlWorld()
            let alphaToken = try world.token(for: .alpha)
            var texts: [String] = []
            let betaToken = try world.token(for: .beta)
            texts.append(betaToken)
            for index in 0..<3 {
                for call in 0..<alphaCalls {
                    _ = world.send(world.transaction(
                        .alpha, token: alphaToken, ControlWorld.topUpPath, Bodies.topUp(reference: "A-\(index)-\(call)")))
                }
                let answer = world.send(world.transaction(.beta, token: betaToken, ControlWorld.topUpPath, Bodies.topUp(reference: "B-\(index)")))
                texts.append(answer.text)
            }
            return texts
        }
        #expect(try betaTranscript(alphaCalls: 0) == betaTranscript(alphaCalls: 4))
    }

    @Test func accessTokens_DependOnThePartnersSecret_NotOnlyOnSeedAndClientId() throws {
        var changed = ControlWorld.fixtures
        changed.partners[TestPartner.alpha.id]?.clientSecret = "another-secret-of-alpha"
        let tokens = try [ControlWorld(), ControlWorld(), ControlWorld(fixtures: changed)].map { try $0.token(for: .alpha) }
        #expect(tokens[0] == tokens[1])
        #expect(tokens[0] != tokens[2])
        var generator = IDGenerator(seed: 7).forPartner(TestPartner.alpha.id)
        #expect(generator.token() != tokens[0])
    }

    @Test func unknownClient_DoesNotListThePartners() {
        let world = ControlWorld()
        var request = world.transaction(.alpha, token: "x", ControlWorld.balancePath, Bodies.balanceInquiry())
        request.headers["X-PARTNER-ID"] = "who-am-i"
        let answer = world.send(request)
        #expect(answer.code == "4011100")
        // (The hint names the published sandbox demo partner, which every README reader knows.)
        for partner in ["partner-alpha", "partner-beta", "partner-rsa", "snapsim-dana"] {
            #expect(!answer.text.contains(partner))
        }
    }
}
