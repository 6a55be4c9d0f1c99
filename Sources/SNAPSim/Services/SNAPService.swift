import SimJSON

/// A SNAP service's behaviour: validate the body, read or change the ledger, build the answer.
///
/// Services run after the security pipeline, the partner's permission check and the rules; they never see
/// another partner's state. Each lists the codes it answers by its own behaviour (``answers``) so that the
/// catalogue can be checked at load and `snapsim codes` can say how each code is reached.
protocol SNAPService: Sendable {
    var descriptor: ServiceDescriptor { get }
    var answers: [ServiceAnswer] { get }
    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome
    /// Pure work on the body done before the partner's lock is taken — validating fields, a payload's fingerprint,
    /// an answer's parts — handed to ``respond(to:state:)`` as ``ServiceRequest/prepared``, so that under the lock
    /// only what must be ordered runs. It must not read the partner's state, and whatever it finds (an invalid
    /// field too) must be what `respond` would have found at its start: the prepared value is a cache, and
    /// `respond` works it out itself when there is none (tests, the OpenAPI probe). `nil`: nothing to prepare.
    func prepare(_ fields: RequestFields, at time: SimTime) -> (any Sendable)?
}

extension SNAPService {
    func prepare(_ fields: RequestFields, at time: SimTime) -> (any Sendable)? { nil }
}

/// A code a service answers by its own behaviour, and when.
public struct ServiceAnswer: Sendable, Hashable {
    /// HTTP status and case code.
    public var key: CaseKey
    /// When it is answered, e.g. "customerNumber is not a known customer".
    public var when: String

    /// A code answered in the situation `when`.
    public init(_ key: CaseKey, _ when: String) {
        self.key = key
        self.when = when
    }

    init(_ error: SNAPError, _ when: String) {
        self.init(error.key, when)
    }

    static let success = ServiceAnswer(CaseKey(httpStatus: 200, caseCode: "00"), "the request is valid and the ledger allows it")
}

/// What a service gets: the exchange, the authenticated caller, the fixtures and the body's fields.
struct ServiceRequest {
    let exchange: Exchange
    let caller: AuthenticatedCaller
    private let shared: SharedFixtures
    /// The JSON object body (empty for requests without a body, such as GET).
    let fields: RequestFields
    /// What the service's ``SNAPService/prepare(_:at:)`` drew from `fields` before the partner's lock, if it ran.
    var prepared: (any Sendable)? { exchange.prepared }

    init(exchange: Exchange, caller: AuthenticatedCaller, shared: SharedFixtures, fields: RequestFields) {
        self.exchange = exchange
        self.caller = caller
        self.shared = shared
        self.fields = fields
    }

    init(exchange: Exchange, caller: AuthenticatedCaller, fixtures: LoadedFixtures, fields: RequestFields) {
        self.init(exchange: exchange, caller: caller, shared: SharedFixtures(fixtures), fields: fields)
    }

    /// The fixtures in force, borrowed from the world's shared set (not copied per request).
    var fixtures: LoadedFixtures {
        _read { yield shared.fixtures }
    }

    /// The simulator time at which the request arrived.
    var time: SimTime { exchange.receivedAt }

    /// A fresh `referenceNo` from the partner's identifier stream.
    func referenceNumber(_ state: inout PartnerState) -> String {
        state.ids.referenceNumber(length: fixtures.engine.referenceNoLength)
    }

    /// The customer's tier; a fixture set built in code without it is a simulator error, not the partner's.
    func tier(of account: CustomerAccount) throws(SNAPError) -> Tier {
        guard let tier = fixtures.tiers[account.customer.tier] else {
            throw SNAPError.generalError.explained(
                ["summary": .string("the fixtures have no tier \"\(account.customer.tier)\" for this customer")])
        }
        return tier
    }
}
