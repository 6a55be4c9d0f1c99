import SimHTTP

/// One request the simulator received and what it answered, as `GET /_sim/requests` shows it.
public struct JournalEntry: Sendable {
    /// Position in arrival order across all partners, from 1.
    public var sequence: Int
    public var receivedAt: SimTime
    /// The partner the request named (`X-PARTNER-ID`, `X-CLIENT-KEY`, or the bearer token's owner), if any.
    public var partner: String?
    public var method: String
    public var target: String
    public var headers: [(name: String, value: String)]
    public var body: String
    /// The service the path meant, if any.
    public var service: String?
    public var status: Int
    /// The `responseCode` of the answer, when it had one.
    public var responseCode: String?
    public var responseBody: String
    /// What the security pipeline concluded, with the expected string-to-sign when it rejected the request.
    public var verdict: JSONObject?
    /// The rule or forced outcome that decided the answer, if one did.
    public var matchedRule: String?

    /// The entry as JSON, members in a fixed order.
    public var json: JSONValue {
        var object: JSONObject = [
            "sequence": .int(sequence),
            "receivedAt": .string(receivedAt.description),
            "partner": partner.map(JSONValue.string) ?? .null,
            "method": .string(method),
            "path": .string(target),
            "service": service.map(JSONValue.string) ?? .null,
            "headers": .object(JSONObject(headers.map { ($0.name, JSONValue.string($0.value)) })),
            "body": .string(body),
            "response": [
                "status": .int(status),
                "responseCode": responseCode.map(JSONValue.string) ?? .null,
                "body": .string(responseBody),
            ],
        ]
        if let verdict { object["verdict"] = .object(verdict) }
        if let matchedRule { object["matchedRule"] = .string(matchedRule) }
        return .object(object)
    }
}
