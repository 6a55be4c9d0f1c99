import SimJSON

/// An answer forced on one partner's requests through the admin API (`POST /_sim/faults`): a case code, a
/// status with a body, a delay, or a transport fault, for the next N matching requests or until cleared.
///
/// It is a ``Rule`` (same conditions, same outcomes) tried before the fixture rules, plus what rules cannot
/// say: a count and a ``TransportFault``.
public struct ForcedOutcome: Sendable {
    /// `fault-1`, `fault-2`…, unique within the partner.
    public var id: String
    /// The partner it applies to.
    public var partner: String
    /// Conditions and outcome; its id is ``id``.
    public var rule: Rule
    /// What happens to the answer on the wire, if anything.
    public var fault: TransportFault?
    /// Answers still to force; `nil` forces until cleared.
    public var remaining: Int?
    /// Answers forced so far.
    public var used = 0
    /// The request's `when` as sent, for listings.
    public var when: JSONValue
    /// The request's `then` as sent, for listings.
    public var then: JSONValue

    /// A forced outcome; see the properties.
    public init(
        id: String, partner: String, rule: Rule, fault: TransportFault?, remaining: Int?, when: JSONValue, then: JSONValue
    ) {
        self.id = id
        self.partner = partner
        self.rule = rule
        self.fault = fault
        self.remaining = remaining
        self.when = when
        self.then = then
    }

    /// One line saying what it does: `answer 5003800; close the connection without answering`.
    public var summary: String {
        let conditions = rule.conditions.filter {
            if case .partners = $0 { false } else { true }
        }
        var text = conditions.isEmpty ? "every request" : conditions.map(\.summary).joined(separator: " and ")
        text += " → "
        if let fault {
            if rule.outcome.response != .amend(status: nil, patch: nil) {
                text += RuleOutcome(rule.outcome.response).summary + ", then "
            }
            if rule.outcome.delay > .zero { text += "after \(rule.outcome.delay.wholeMilliseconds) ms, " }
            text += fault.summary
        } else {
            text += rule.outcome.summary
        }
        return text
    }

    /// As `GET /_sim/faults` lists it.
    public var json: JSONValue {
        [
            "id": .string(id),
            "partner": .string(partner),
            "when": when,
            "then": then,
            "remaining": remaining.map(JSONValue.int) ?? .null,
            "used": .int(used),
            "summary": .string(summary),
        ]
    }
}
