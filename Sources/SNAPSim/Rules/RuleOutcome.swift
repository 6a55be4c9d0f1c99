import SimJSON

/// What a matching rule does to the answer. Also the shape forced outcomes will take.
public struct RuleOutcome: Sendable, Hashable {
    /// How the answer is made.
    public enum Response: Sendable, Hashable {
        /// Answer this case for the called service (`403xx04` → `4033704` on service 37); the service does not run.
        case code(CaseKey, placeholders: [String: String])
        /// Answer this status and body as they are; the service does not run.
        case body(status: Int, body: JSONValue)
        /// Run the service (its ledger effects happen), then change its answer: the status, and a JSON merge
        /// patch (RFC 7396) over the full body. Both `nil` only delays the normal answer.
        case amend(status: Int?, patch: JSONValue?)
        /// Answer this E2Pay code (`"96"`) in E2Pay's envelope with the status `e2pay.json` gives it (e2pay routes
        /// only); the service does not run.
        case e2pay(code: String)
    }

    /// How the answer is made.
    public var response: Response
    /// How long to wait before answering; holds no thread.
    public var delay: Duration

    /// An outcome answered after `delay`.
    public init(_ response: Response, delay: Duration = .zero) {
        self.response = response
        self.delay = delay
    }

    /// How the outcome reads in listings.
    public var summary: String {
        var text: String
        switch response {
        case .code(let key, let placeholders):
            text = "answer \(key)"
            if !placeholders.isEmpty {
                text += " " + placeholders.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: " ")
            }
        case .body(let status, let body):
            text = "answer HTTP \(status) \(body.compactText)"
        case .e2pay(let code):
            text = "answer E2Pay \(code)"
        case .amend(let status, let patch):
            text = "normal answer"
            if let status { text += ", HTTP \(status)" }
            if let patch { text += ", patched with \(patch.compactText)" }
        }
        if delay > .zero { text += " after \(delay.wholeMilliseconds) ms" }
        return text
    }
}
