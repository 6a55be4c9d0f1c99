import SimJSON

/// What the simulator tells a partner developer about a rejected request (explain mode, on by default).
///
/// Rendered as `additionalInfo.explain` (and its `summary` as the `X-Snapsim-Explain` header). Keys, in order:
/// - `summary`: one line saying what failed and, when known, why.
/// - `check`: which step rejected the request (see ``SecurityCheck``).
/// - `expected` / `received`: what the step wanted and what arrived (long values clipped).
/// - check-specific facts, e.g. `stringToSign`, `bodyHash`, `bodyHashInput`, `signatureEncoding`,
///   `timestamp`, `now`, `skewSeconds`, `allowedSkewSeconds`, `tokenExpiredAt`, `tokenIssuedTo`, `firstUsedAt`.
/// - `diagnosis`: what the simulator inferred by trying alternatives, as `[{cause, detail}]`; `cause` is a
///   stable kebab-case identifier that tests and tools may match on.
/// - `hint`: what to do next.
///
/// It never carries a client secret or private key: ``SecurityPipeline`` passes every explanation through
/// ``Redaction`` before it leaves, so even a secret a partner pasted into a header is not echoed back.
struct RejectionExplanation {
    /// A cause the simulator inferred, e.g. `body-signed-unminified`.
    struct Finding: Sendable, Hashable {
        /// Stable identifier.
        var cause: String
        /// Completes "Signature does not match: …" and the like, e.g. "the body was signed un-minified".
        var summary: String
        /// A sentence or two for the developer.
        var detail: String
    }

    var check: SecurityCheck
    var summary: String
    var expected: String?
    var received: String?
    /// Check-specific facts, in the order they should print.
    var facts: JSONObject = [:]
    var diagnosis: [Finding] = []
    var hint: String?

    init(_ check: SecurityCheck, summary: String, expected: String? = nil, received: String? = nil) {
        self.check = check
        self.summary = summary
        self.expected = expected
        self.received = received
    }

    mutating func fact(_ key: String, _ value: JSONValue) {
        facts[key] = value
    }

    /// The JSON object, keys in the documented order.
    var object: JSONObject {
        var members: [(key: String, value: JSONValue)] = [
            ("summary", .string(summary)), ("check", .string(check.rawValue)),
        ]
        members.reserveCapacity(facts.count + 6)
        if let expected { members.append(("expected", .string(expected))) }
        if let received { members.append(("received", .string(received.clipped()))) }
        // The facts' names are distinct (an object's) and none of the fixed ones above or below in practice:
        // then the members are appended without a look-up each, as they would be set.
        if facts.contains(where: { Self.isFixed($0.key) }) {
            var object = JSONObject(uniqueMembers: members)
            for (key, value) in facts { object[key] = value }
            members = object.members
        } else {
            for member in facts { members.append(member) }
        }
        if !diagnosis.isEmpty {
            members.append(("diagnosis", .array(
                diagnosis.map { ["cause": .string($0.cause), "detail": .string($0.detail)] })))
        }
        if let hint { members.append(("hint", .string(hint))) }
        return JSONObject(uniqueMembers: members)
    }

    /// Whether ``object`` writes `key` besides the facts (compared, not hashed: short names are compared inline).
    private static func isFixed(_ key: String) -> Bool {
        // By length first: most facts' names have none of these lengths, and comparing strings of different
        // lengths is needless work (no other text is `==` to these ASCII names without their bytes).
        switch key.utf8.count {
        case 4: key == "hint"
        case 5: key == "check"
        case 7: key == "summary"
        case 8: key == "expected" || key == "received"
        case 9: key == "diagnosis"
        default: false
        }
    }
}

/// The steps of the security pipeline, as explanations name them.
enum SecurityCheck: String, Sendable {
    case mandatoryHeader = "mandatory-header"
    case client
    case channelID = "channel-id"
    case timestamp
    case signature
    case accessToken = "access-token"
    case externalID = "external-id"
    case requestBody = "request-body"
    /// The partner called a route of another profile than its own.
    case profile
    /// The B2B2C customer token in `Authorization-Customer`.
    case customerToken = "customer-token"
}


extension SNAPError {
    /// This error carrying `explanation`.
    func explained(_ explanation: RejectionExplanation) -> SNAPError {
        explained(explanation.object)
    }
}
