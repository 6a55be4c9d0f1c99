import SNAPCrypto
import SimHTTP
import Testing

@testable import SNAPSim
import SimJSON

/// The rejection budget per partner (docs/rejection-budget.md): the bucket on a manual clock, and which answers
/// a simulator holds back, in-process. RejectionBudgetSocketTests drive it over real sockets.
@Suite struct RejectionBudgetTests {
    @Test func burst_IsAnsweredAtOnce_ThenOnePerInterval_InOrder() {
        let clock = ManualRejectionClock()
        let budget = RejectionBudget(rate: 10, burst: 3, clock: clock)
        let start = clock.nanoseconds()
        #expect((0..<3).map { _ in budget.charge("a") } == [nil, nil, nil])
        // 10 per second: the 4th is due 100 ms on, the 5th 200 ms on.
        #expect(budget.charge("a") == start + 100_000_000)
        #expect(budget.charge("a") == start + 200_000_000)
        clock.advance(by: .milliseconds(200))
        // The two late slots are taken up to 300 ms: one more at 300 ms, none at once.
        #expect(budget.charge("a") == start + 300_000_000)
        clock.advance(by: .seconds(1))
        #expect((0..<3).map { _ in budget.charge("a") } == [nil, nil, nil])
        #expect(budget.charge("a") != nil)
    }

    @Test func partners_HaveBudgetsOfTheirOwn_AndUnknownClientsShareOne() {
        let clock = ManualRejectionClock()
        let budget = RejectionBudget(rate: 1, burst: 2, clock: clock)
        #expect([budget.charge("a"), budget.charge("a")] == [nil, nil])
        #expect(budget.charge("a") != nil)
        #expect([budget.charge("b"), budget.charge("b")] == [nil, nil])
        #expect([budget.charge(nil), budget.charge(nil)] == [nil, nil])
        #expect(budget.charge(nil) != nil)
    }

    @Test func noAnswer_WaitsLongerThanTheMaximumDelay() {
        let clock = ManualRejectionClock()
        let budget = RejectionBudget(rate: 1, burst: 1, clock: clock)
        let start = clock.nanoseconds()
        var dues: [UInt64?] = []
        for _ in 0..<12 { dues.append(budget.charge("a")) }
        #expect(dues[0] == nil)
        #expect(dues[1] == start + 1_000_000_000)
        #expect(dues[5] == start + 5_000_000_000)
        // Past 5 s of slots taken, every further one waits exactly the maximum and takes no slot.
        #expect(dues[6...].allSatisfy { $0 == start + RejectionBudget.maximumDelay })
        clock.advance(by: .seconds(5))
        #expect(budget.charge("a") == start + 6_000_000_000)
    }

    @Test func systemClock_AddsTheWaitToTheReplysDelay() {
        var reply = HTTPReply(.closeWithoutResponse, delay: .milliseconds(5))
        let clock = SystemRejectionClock()
        clock.hold(&reply, until: clock.nanoseconds() + 60_000_000_000)
        // The lower bound leaves room for the test thread to be held up between reading the clock and `hold`
        // (1 s was a window a loaded machine can use up); the upper bound is exact.
        #expect(reply.delay > .seconds(30) && reply.delay <= .milliseconds(60_005))
        #expect(reply.gate == nil)
        var past = HTTPReply(.closeWithoutResponse)
        clock.hold(&past, until: 0)
        #expect(past.delay == .zero)
    }

    @Test func overBudget_RejectionsAreHeld_WithTheSameBytes_SuccessesAndOtherPartnersAreNot() throws {
        let clock = ManualRejectionClock()
        let budgeted = BudgetedWorld(RejectionBudget(rate: 1, burst: 2, clock: clock))
        let reference = BudgetedWorld(nil)
        let alpha = try budgeted.token(.alpha)
        #expect(try reference.token(.alpha) == alpha)
        let requests = (0..<4).map { _ in budgeted.wrongSignature(.alpha, token: alpha) }
        let replies = requests.map { budgeted.simulator.respond(to: $0) }
        #expect(replies.map { $0.gate == nil } == [true, true, false, false])
        #expect(replies.allSatisfy { $0.delay == .zero })
        // Byte for byte what the same requests get with no budget.
        for (request, reply) in zip(requests, replies) {
            let expected = reference.simulator.respond(to: request)
            #expect(reply.action == expected.action)
            #expect(SecurityAnswer(reply).status == 401)
        }
        // A success of the same partner, and another partner's rejection, leave at once.
        let success = budgeted.simulator.respond(
            to: budgeted.world.transaction(.alpha, token: alpha, ControlWorld.balancePath, Bodies.balanceInquiry()))
        #expect(success.gate == nil && SecurityAnswer(success).code == "2001100")
        let beta = try budgeted.token(.beta)
        #expect(budgeted.simulator.respond(to: budgeted.wrongSignature(.beta, token: beta)).gate == nil)
        // A 400 for a malformed header is not a credential rejection.
        var malformed = budgeted.wrongSignature(.alpha, token: alpha)
        malformed.headers["X-TIMESTAMP"] = "yesterday"
        let refused = budgeted.simulator.respond(to: malformed)
        #expect(SecurityAnswer(refused).status == 400 && refused.gate == nil)

        #expect(clock.heldCount == 2)
        clock.advance(by: .seconds(1))
        #expect(replies[2].gate?.isOpen == true && replies[3].gate?.isOpen == false)
        clock.advance(by: .seconds(1))
        #expect(replies[3].gate?.isOpen == true && clock.heldCount == 0)
    }

    @Test func journalEntries_AreTheSameWithAndWithoutTheBudget() throws {
        let budgeted = BudgetedWorld(RejectionBudget(rate: 1, burst: 1, clock: ManualRejectionClock()))
        let reference = BudgetedWorld(nil)
        for world in [budgeted, reference] {
            let token = try world.token(.alpha)
            for _ in 0..<3 { _ = world.simulator.respond(to: world.wrongSignature(.alpha, token: token)) }
        }
        let journals = try [budgeted, reference].map { world in
            let reply = world.simulator.respond(to: world.world.adminRequest(.get, "/_sim/requests?partner=partner-alpha"))
            return try JSONParser.parse(RejectionBudgetSocketTests.body(reply))
        }
        #expect(journals[0][pointer: JSONPointer(tokens: ["count"])] == 4)
        // Newest first: the 2nd and 3rd rejections were held 1 s and 2 s; the mark is all that differs.
        let requests = try #require(journals[0][pointer: JSONPointer(tokens: ["requests"])]?.arrayValue)
        let marks = requests.map { $0.objectValue?["rejectionBudgetDelayMs"] }
        #expect(marks == [.int(2000), .int(1000), nil, nil] || marks == [nil, nil, .int(1000), .int(2000)])
        let unmarked = JSONValue.array(requests.map { entry in
            var object = entry.objectValue ?? [:]
            object["rejectionBudgetDelayMs"] = nil
            return .object(object)
        })
        #expect(unmarked == journals[1][pointer: JSONPointer(tokens: ["requests"])])
    }

    @Test func unknownClients_AreChargedToOneSharedBudget() {
        let clock = ManualRejectionClock()
        let budgeted = BudgetedWorld(RejectionBudget(rate: 1, burst: 1, clock: clock))
        let held = ["who-1", "who-2", "who-3"].map { id -> Bool in
            var request = budgeted.wrongSignature(.alpha, token: "x")
            request.headers["X-PARTNER-ID"] = id
            let reply = budgeted.simulator.respond(to: request)
            #expect(SecurityAnswer(reply).code == "4011100")
            return reply.gate != nil
        }
        #expect(held == [false, true, true])
    }
}

/// A ``ControlWorld``'s signer beside a simulator of the same fixtures, seed and clock with `budget` in force.
struct BudgetedWorld {
    let world = ControlWorld()
    let simulator: Simulator

    init(_ budget: RejectionBudget?) {
        var options = world.simulator.options
        options.rejectionBudget = budget
        simulator = Simulator(fixtures: ControlWorld.fixtures, options: options)
    }

    func token(_ partner: TestPartner) throws -> String {
        let answer = SecurityAnswer(simulator.respond(to: world.tokenRequest(partner)))
        return try #require(answer.body["accessToken"]?.stringValue, "\(answer.text)")
    }

    /// A balance inquiry of `partner` whose signature was made with a wrong secret (the diagnosis runs in full).
    func wrongSignature(_ partner: TestPartner, token: String) -> HTTPRequest {
        var request = world.transaction(partner, token: token, ControlWorld.balancePath, Bodies.balanceInquiry())
        let wrong = TestPartner(
            id: partner.id, secret: "not-the-secret", publicKey: partner.publicKey, privateKey: partner.privateKey,
            signing: partner.signing, channelId: partner.channelId)
        let text = "POST:\(ControlWorld.balancePath):\(token):"
            + Hex.encode(SHA256.hash(data: request.body)) + ":" + (request.headers["X-TIMESTAMP"] ?? "")
        request.headers["X-SIGNATURE"] = Base64.encode(wrong.hmacSign(text))
        return request
    }
}
