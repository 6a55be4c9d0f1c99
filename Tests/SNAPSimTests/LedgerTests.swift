import SimHTTP
import Testing

@testable import SNAPSim
import SimJSON

@Suite struct LedgerTests {
    @Test func topUp_ChangesNextInquiryAndLimitCheck() {
        var harness = ServiceHarness()
        #expect(harness.call(.emoneyAccountInquiry, body: Bodies.accountInquiry())["/maxAmount"] == .amount("1850000.00"))
        #expect(harness.call(.customerTopUp, body: Bodies.topUp(amount: "850000.00")).responseCode == "2003800")
        #expect(harness.call(.emoneyAccountInquiry, body: Bodies.accountInquiry())["/maxAmount"] == .amount("1000000.00"))
        #expect(harness.call(.balanceLimitCheck, query: "accountId=081977817902")["/sisaTopup"] == .number("1000000.00"))
    }

    @Test func partners_NeverSeeEachOthersTopUps() {
        let fixtures = LoadedFixtures.defaults
        var states: [String: PartnerState] = [:]
        let registry = ServiceRegistry()
        func call(_ partner: String, _ service: ServiceDescriptor, _ body: JSONValue) -> Outcome {
            let entry = fixtures.router.entries.first { $0.route.serviceName == service.name }
            let exchange = Exchange(
                request: HTTPRequest(method: .post, target: entry?.path ?? "/", body: body.compactBytes),
                route: entry?.route ?? Route(serviceName: service.name, serviceCode: service.code, security: .transaction),
                receivedAt: ServiceHarness.start)
            let caller = AuthenticatedCaller(partner: fixtures.partners[partner]!, externalID: "1")
            var state = states[partner] ?? PartnerState(ledger: fixtures.ledger, ids: IDGenerator(seed: 7).forPartner(partner))
            defer { states[partner] = state }
            return (try? registry.handle(exchange, caller: caller, fixtures: fixtures, state: &state)) ?? .plain(status: 0, body: nil)
        }
        _ = call("snapsim-demo", .customerTopUp, Bodies.topUp(amount: "850000.00"))
        guard case .snap(_, let fields, _) = call("snapsim-demo-2", .emoneyAccountInquiry, Bodies.accountInquiry()) else {
            Issue.record("inquiry failed")
            return
        }
        #expect(fields["maxAmount"] == .amount("1850000.00"))
        #expect(states["snapsim-demo"]?.ledger.customer("081977817902")?.balance == Amount(rupiah: 1_000_000))
        #expect(states["snapsim-demo-2"]?.ledger.customer("081977817902")?.balance == Amount(rupiah: 150_000))
        guard case .snap(_, let status, _) = call("snapsim-demo-2", .topUpStatus, Bodies.topUpStatus(partnerReference: "TOPUP-0001")) else {
            Issue.record("status failed")
            return
        }
        #expect(status["latestTransactionStatus"] == "07")
    }

    @Test func openingMonth_IsFixedByTheFirstRequest() {
        var ledger = LoadedFixtures.defaults.ledger
        let november = ServiceHarness.start
        let december = CivilDate(year: 2026, month: 12, day: 2).time(offsetMinutes: 420)
        ledger.open(at: november)
        ledger.open(at: december)
        #expect(ledger.openingMonth == "2026-11")
        #expect(ledger.toppedUp("081977817902", inMonthOf: november) == Amount(rupiah: 500_000))
        #expect(ledger.toppedUp("081977817902", inMonthOf: december) == .zero)
    }

    @Test func journal_ForgetsTheOldest_PastItsLimit() {
        var journal = TopUpJournal(limit: 2)
        for index in 1...3 {
            journal.append(TopUpRecord(
                partnerReferenceNo: "P\(index)", referenceNo: "R\(index)", externalId: "E\(index)", customerNumber: "08",
                amount: .zero, fingerprint: "{}", recordedAt: ServiceHarness.start, status: .success,
                answer: RecordedAnswer(key: CaseKey(httpStatus: 200, caseCode: "00"))))
        }
        #expect(journal.count == 2)
        #expect(journal.record(partnerReferenceNo: "P1") == nil)
        #expect(journal.record(referenceNo: "R1") == nil)
        #expect(journal.record(externalId: "E3")?.partnerReferenceNo == "P3")
        #expect(journal.all.map(\.partnerReferenceNo) == ["P2", "P3"])
    }

    @Test func canonicalText_IgnoresMemberOrder() {
        let a: JSONValue = ["b": 1, "a": ["y": true, "x": nil]]
        let b: JSONValue = ["a": ["x": nil, "y": true], "b": 1]
        #expect(a.canonicalText == b.canonicalText)
        #expect(a.canonicalText == #"{"a":{"x":null,"y":true},"b":1}"#)
    }
}
