import SimHTTP
import Testing

@testable import SNAPSim
import SimJSON

/// Calls services the way the simulator does after security: one partner's state, a fixed clock, rendered
/// into the HTTP reply a client would receive.
struct ServiceHarness {
    var fixtures: LoadedFixtures
    var state: PartnerState
    var caller: AuthenticatedCaller
    /// A fixed simulator clock; each call reads it once, as the simulator does per request.
    let clock: SimulatorClock
    private let registry = ServiceRegistry()

    /// The clock's time; setting it moves the clock.
    var time: SimTime {
        get { clock.now() }
        nonmutating set { clock.set(newValue) }
    }

    /// 2026-11-21 10:00 Jakarta (03:00Z), mid-month so month boundaries are deliberate.
    static let start = CivilDate(year: 2026, month: 11, day: 21, hour: 10).time(offsetMinutes: CivilDate.jakartaOffsetMinutes)

    init(fixtures: LoadedFixtures = .defaults, partner: String = "snapsim-demo", time: SimTime = ServiceHarness.start, seed: UInt64 = 42) {
        self.fixtures = fixtures
        let partner = fixtures.partners[partner]
            ?? Partner(clientId: partner, name: partner, clientSecret: "secret", publicKey: "key")
        self.state = PartnerState(ledger: fixtures.ledger, ids: IDGenerator(seed: seed).forPartner(partner.clientId))
        self.caller = AuthenticatedCaller(partner: partner, externalID: "1000")
        self.clock = .fixed(at: time)
    }

    /// Sends `body` (or `rawBody` bytes) to `service` at the harness time and renders the reply.
    @discardableResult
    mutating func call(
        _ service: ServiceDescriptor, body: JSONValue? = nil, rawBody: String? = nil, query: String = "",
        headers: HTTPHeaders = [:], externalID: String? = nil
    ) -> Answer {
        let entry = fixtures.router.entries.first { $0.route.serviceName == service.name }
        let method = entry?.method ?? .post
        let path = entry?.path ?? "/\(service.name)"
        let bytes = rawBody.map { Array($0.utf8) } ?? body?.compactBytes ?? []
        let request = HTTPRequest(method: method, target: path + (query.isEmpty ? "" : "?" + query), headers: headers, body: bytes)
        let route = entry?.route ?? Route(serviceName: service.name, serviceCode: service.code, security: service.security)
        let exchange = Exchange(request: request, route: route, receivedAt: clock.now())
        if let externalID { caller.externalID = externalID }
        let outcome: Outcome
        do throws(SNAPError) {
            outcome = try registry.handle(exchange, caller: caller, fixtures: fixtures, state: &state)
        } catch {
            outcome = .rejected(error)
        }
        let reply = ResponseRenderer(fixtures: fixtures, explain: false).render(outcome, for: exchange).reply
        return Answer(reply: reply, outcome: outcome)
    }
}

/// A rendered reply, with accessors for the parts tests look at.
struct Answer {
    let reply: HTTPReply
    let outcome: Outcome

    var response: HTTPResponse? {
        if case .respond(let response) = reply.action { response } else { nil }
    }
    var status: Int { response?.status.code ?? 0 }
    var body: JSONValue { (try? JSONParser.parse(response?.body ?? [])) ?? .null }
    var responseCode: String? { body[pointer: "/responseCode"]?.stringValue }
    var responseMessage: String? { body[pointer: "/responseMessage"]?.stringValue }
    var delay: Duration { reply.delay }

    subscript(_ pointer: String) -> JSONValue? { body[pointer: JSONPointer(parsing: pointer) ?? JSONPointer(tokens: [])] }
    func string(_ pointer: String) -> String? { self[pointer]?.stringValue }
}

extension JSONValue {
    /// `{"value": "...", "currency": "IDR"}`.
    static func amount(_ value: String) -> JSONValue { ["value": .string(value), "currency": "IDR"] }
}

/// Request bodies of the seed documents, with the parts tests vary.
enum Bodies {
    static func accountInquiry(_ customerNumber: String = "081977817902", amount: String = "10000.00", reference: String = "78912343452347893") -> JSONValue {
        [
            "partnerReferenceNo": .string(reference),
            "customerNumber": .string(customerNumber),
            "amount": .amount(amount),
            "transactionDate": "2026-11-21T10:00:00+07:00",
        ]
    }

    static func topUp(_ customerNumber: String = "081977817902", amount: String = "50000.00", reference: String = "TOPUP-0001") -> JSONValue {
        [
            "partnerReferenceNo": .string(reference),
            "customerNumber": .string(customerNumber),
            "amount": .amount(amount),
            "feeAmount": .amount("1500.00"),
            "transactionDate": "2026-11-21T10:00:00+07:00",
        ]
    }

    static func topUpStatus(partnerReference: String? = nil, reference: String? = nil, externalId: String? = nil) -> JSONValue {
        var object = JSONObject()
        if let partnerReference { object["originalPartnerReferenceNo"] = .string(partnerReference) }
        if let reference { object["originalReferenceNo"] = .string(reference) }
        if let externalId { object["originalExternalId"] = .string(externalId) }
        object["serviceCode"] = "38"
        return .object(object)
    }

    static func balanceInquiry(_ accountNo: String = "12345678", msId: String? = nil) -> JSONValue {
        var object: JSONObject = ["partnerReferenceNo": "2020102900000000000001", "accountNo": .string(accountNo)]
        if let msId { object["additionalInfo"] = ["msId": .string(msId)] }
        return .object(object)
    }
}
