import SimHTTP
import SimJSON
import Testing

@testable import SNAPSim

/// The work moved before the partner's lock is a cache: the fixture rules tried outside it resolve to the rule a
/// scan would find under it, and a top-up drawn up outside it (``TopUpOrder``) answers and books exactly what the
/// top-up reading its body under the lock does.
@Suite struct PreparedBeforeLockTests {
    // MARK: - Rules

    @Test(arguments: 0..<12)
    func prematchedRule_ResolvesToTheRuleAScanPicks(seed: UInt64) {
        var dice = RuleIndexTests.Dice(state: seed)
        let rules = (0..<Int.random(in: 1...200, using: &dice)).map { RuleIndexTests.rule($0, &dice) }
        var fixtures = LoadedFixtures.defaults
        fixtures.rules = RuleBook(rules)
        let world = World(fixtures)
        var matched = 0
        for _ in 0..<300 {
            let input = RuleIndexTests.input(&dice)
            let exchange = Exchange(request: input.request, route: input.route, receivedAt: SimTime(millisecondsSince1970: 0))
            let body: Result<JSONObject, SNAPError> = input.body?.objectValue.map { .success($0) } ?? .failure(.badRequest)
            var scenarios = ScenarioStates()
            if Bool.random(using: &dice) { scenarios.move("s", to: "Later", at: SimTime(millisecondsSince1970: 0)) }
            let prematched = PrematchedRule(exchange, clientId: input.clientId, world: world, body: body)

            let allowed = rules.filter { scenarios.allows($0.scenario) }.first { $0.matches(input) }
            #expect(prematched.resolve(allowing: { scenarios.allows($0.scenario) })?.id == allowed?.id, "seed \(seed)")
            #expect(prematched.resolve(allowing: nil)?.id == rules.first { $0.matches(input) }?.id, "seed \(seed)")
            // Through the selection the partner's lock uses, with and without the prematch.
            var selection = RuleSelection(forced: RuleBook(), book: fixtures.rules, allows: { scenarios.allows($0.scenario) })
            let underLock = selection.firstMatch(input)?.id
            selection.prematched = prematched
            #expect(selection.firstMatch(input)?.id == underLock, "seed \(seed)")
            if allowed != nil { matched += 1 }
        }
        #expect(matched > 0, "seed \(seed)")
    }

    @Test func prematchedRule_ComesAfterForcedOutcomes_AndIsIgnoredForAnotherClient() {
        let outcome = RuleOutcome(.amend(status: 200, patch: nil))
        let fixtureRule = Rule(id: "fixture", conditions: [.body("/accountNo", .prefix("08"))], outcome: outcome)
        let forcedRule = Rule(id: "forced", conditions: [.partners(["p1"])], outcome: outcome)
        var fixtures = LoadedFixtures.defaults
        fixtures.rules = RuleBook([fixtureRule])
        let route = Route(serviceName: "balance-inquiry", serviceCode: ServiceCode(rawValue: "11")!, security: .transaction)
        let request = HTTPRequest(method: .post, target: "/x")
        let exchange = Exchange(request: request, route: route, receivedAt: SimTime(millisecondsSince1970: 0))
        let prematched = PrematchedRule(exchange, clientId: "p1", world: World(fixtures), body: .success(["accountNo": "0812"]))
        #expect(prematched.rule?.id == "fixture")

        #expect(RuleBook().isEmpty && !RuleBook([forcedRule]).isEmpty)
        var selection = RuleSelection(forced: RuleBook([forcedRule]), book: fixtures.rules, allows: nil)
        selection.prematched = prematched
        let input = RuleInput(request: request, route: route, clientId: "p1", body: ["accountNo": "0812"])
        #expect(selection.firstMatch(input)?.id == "forced")
        // Made for p1: a request of p2 (whose body does not match) is matched again, not given p1's rule.
        let other = RuleInput(request: request, route: route, clientId: "p2", body: ["accountNo": "0912"])
        #expect(selection.firstMatch(other) == nil)
    }

    // MARK: - Top-up

    /// Bodies that reach every branch of the top-up: credits, retries (same and other payload), each kind of
    /// invalid field, refusals by customer status and limits, a pending customer.
    static let topUpBodies: [String] = [
        #"{"partnerReferenceNo":"P1","customerNumber":"081977817902","amount":{"value":"50000.00","currency":"IDR"}}"#,
        #"{ "amount": {"currency":"IDR","value":"50000.00"}, "customerNumber":"081977817902", "partnerReferenceNo":"P1" }"#,
        #"{"partnerReferenceNo":"P1","customerNumber":"081977817902","amount":{"value":"60000.00","currency":"IDR"}}"#,
        #"{"partnerReferenceNo":"P2","customerNumber":"081977817902","amount":{"value":"10000.00","currency":"IDR"},"sessionId":"S-1","notes":"n"}"#,
        #"{"partnerReferenceNo":"P3","customerNumber":"0819x","amount":{"value":"10000.00","currency":"IDR"}}"#,
        #"{"partnerReferenceNo":"P4","customerNumber":"081977817902"}"#,
        #"{"customerNumber":"081977817902","amount":{"value":"10000.00","currency":"IDR"}}"#,
        #"{"partnerReferenceNo":"P5","customerNumber":"081977817902","amount":{"value":"10000.00","currency":"IDR"},"additionalInfo":"x"}"#,
        #"{"partnerReferenceNo":"P6","customerNumber":"081977817902","amount":{"value":"10000.00","currency":"IDR"},"transactionDate":"yesterday"}"#,
        #"{"partnerReferenceNo":"P7","customerNumber":"081977817902","amount":{"value":"10000.00","currency":"IDR"},"categoryId":"A1"}"#,
        #"{"partnerReferenceNo":"P8","customerNumber":"081234560001","amount":{"value":"2000000.01","currency":"IDR"}}"#,
        #"{"partnerReferenceNo":"P8","customerNumber":"081234560001","amount":{"value":"2000000.01","currency":"IDR"}}"#,
        #"{"partnerReferenceNo":"P9","customerNumber":"081234560002","amount":{"value":"10000.00","currency":"IDR"}}"#,
        #"{"partnerReferenceNo":"P10","customerNumber":"081299999999","amount":{"value":"10000.00","currency":"IDR"}}"#,
        #"{"partnerReferenceNo":"P11","customerNumber":"081977817902","amount":{"value":"9999.99","currency":"IDR"}}"#,
        #"{"partnerReferenceNo":"P12","customerNumber":"081234560003","amount":{"value":"10000.00","currency":"IDR"}}"#,
        #"{"partnerReferenceNo":"P13","customerNumber":"081234560003","amount":{"value":"10000.00","currency":"IDR"}}"#,
    ] + LoadedFixtures.defaults.ledger.customers.keys.sorted().map {
        #"{"partnerReferenceNo":"C-\#($0)","customerNumber":"\#($0)","amount":{"value":"10000.00","currency":"IDR"}}"#
    }

    @Test func preparedTopUp_AnswersAndBooksWhatTheUnpreparedOneDoes() throws {
        let fixtures = LoadedFixtures.defaults
        let partner = try #require(fixtures.partners["snapsim-demo"])
        let fresh = PartnerState(ledger: fixtures.ledger, ids: IDGenerator(seed: 42).forPartner(partner.clientId))
        var unprepared = fresh
        var prepared = fresh
        let renderer = ResponseRenderer(fixtures: fixtures, explain: true)
        let route = try #require(fixtures.router.entries.first { $0.route.serviceName == "emoney-topup" }).route
        var answered: Set<String> = []
        for (number, text) in Self.topUpBodies.enumerated() {
            let time = ServiceHarness.start + .seconds(number)
            let request = HTTPRequest(method: .post, target: "/v1.0/emoney/topup", body: Array(text.utf8))
            let plain = Exchange(request: request, route: route, receivedAt: time)
            var exchange = plain
            let body = ServiceRegistry.requestBody(exchange)
            ServiceRegistry.prepare(&exchange, body: body)
            #expect(exchange.prepared != nil)
            let caller = AuthenticatedCaller(partner: partner, externalID: "E\(number)")
            let fields = RequestFields(try #require(try? body.get()))

            let expected = Self.render(renderer, plain) { () throws(SNAPError) in
                try CustomerTopUp().respond(
                    to: ServiceRequest(exchange: plain, caller: caller, fixtures: fixtures, fields: fields), state: &unprepared)
            }
            let actual = Self.render(renderer, exchange) { () throws(SNAPError) in
                try CustomerTopUp().respond(
                    to: ServiceRequest(exchange: exchange, caller: caller, fixtures: fixtures, fields: fields), state: &prepared)
            }
            #expect(actual == expected, "body \(number): \(text)")
            answered.insert(String(decoding: expected.prefix(40), as: UTF8.self))
        }
        #expect(prepared.ledger.topUps.all == unprepared.ledger.topUps.all)
        #expect(prepared.ledger.customers == unprepared.ledger.customers)
        #expect(prepared.ledger.movements.count == unprepared.ledger.movements.count)
        // Many different answers: the bodies reach many branches, so the comparison is not vacuous.
        #expect(answered.count >= 8)
    }

    @Test func registry_PreparesOnlyAParsedBodyOfAServiceThatPrepares() throws {
        let fixtures = LoadedFixtures.defaults
        let topUp = try #require(fixtures.router.entries.first { $0.route.serviceName == "emoney-topup" }).route
        let balance = try #require(fixtures.router.entries.first { $0.route.serviceName == "balance-inquiry" }).route
        let valid = Array(#"{"partnerReferenceNo":"P1","customerNumber":"081977817902","amount":{"value":"1.00","currency":"IDR"}}"#.utf8)
        for (route, bytes, prepares) in [(topUp, valid, true), (topUp, Array("not json".utf8), false), (balance, valid, false)] {
            var exchange = Exchange(
                request: HTTPRequest(method: .post, target: "/x", body: bytes), route: route, receivedAt: ServiceHarness.start)
            ServiceRegistry.prepare(&exchange, body: ServiceRegistry.requestBody(exchange))
            #expect((exchange.prepared != nil) == prepares)
        }
    }

    @Test func simulator_RefusesAReusedExternalID_BeforeTheTopUpsFields_AndMatchesMagicValues() throws {
        let world = ControlWorld()
        let token = try world.token(for: .alpha)
        let valid: JSONValue = [
            "partnerReferenceNo": "PB-1", "customerNumber": "081977817902", "amount": ["value": "10000.00", "currency": "IDR"],
        ]
        let first = world.transaction(.alpha, token: token, ControlWorld.topUpPath, valid)
        #expect(world.send(first).code == "2003800")
        // The fields are drawn up before the lock, but a reused X-EXTERNAL-ID is still what is answered.
        var reused = world.transaction(.alpha, token: token, ControlWorld.topUpPath, ["partnerReferenceNo": "PB-2"])
        reused.headers["X-EXTERNAL-ID"] = first.headers["X-EXTERNAL-ID"]
        #expect(world.send(reused).code == "4093800")
        #expect(world.send(world.transaction(.alpha, token: token, ControlWorld.topUpPath, ["partnerReferenceNo": "PB-2"])).code
            == "4003802")
        // A magic value of rules.json (amount 7777777.xx: in progress), found before the lock.
        let magic: JSONValue = [
            "partnerReferenceNo": "PB-3", "customerNumber": "081977817902", "amount": ["value": "7777777.00", "currency": "IDR"],
        ]
        #expect(world.send(world.transaction(.alpha, token: token, ControlWorld.topUpPath, magic)).code == "2023800")
    }

    // MARK: - Journal

    @Test func journal_HandsBackTheEntryItDropsToMakeRoom() {
        var journal = Journal(capacityPerPartner: 3)
        func entry(_ body: String) -> JournalEntry {
            JournalEntry(
                sequence: 0, receivedAt: SimTime(millisecondsSince1970: 0), partner: "a", method: "POST", target: "/x",
                headers: [], body: body, service: nil, status: 200, responseCode: nil, responseBody: "", verdict: nil,
                explanation: nil, matchedRule: nil, fault: nil)
        }
        for body in ["1", "2", "3"] { #expect(journal.record(ring: "a", entry(body)) == nil) }
        let dropped = journal.record(ring: "a", entry("4"))
        #expect(dropped?.body == "1")
        #expect(dropped?.sequence == 1)
        #expect(journal.entries().map(\.body) == ["2", "3", "4"])
        #expect(journal.byteCount == journal.entries().reduce(0) { $0 + $1.byteSize })
    }

    /// The rendered bytes of an outcome or a refusal.
    static func render(_ renderer: ResponseRenderer, _ exchange: Exchange, _ body: () throws(SNAPError) -> Outcome) -> [UInt8] {
        let outcome: Outcome
        do throws(SNAPError) {
            outcome = try body()
        } catch {
            outcome = .rejected(error)
        }
        guard case .respond(let response) = renderer.render(outcome, for: exchange).reply.action else { return [] }
        return Array("\(response.status.code) ".utf8) + response.body
    }
}
