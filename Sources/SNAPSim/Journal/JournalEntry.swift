import SimHTTP
import SimJSON

/// One request the simulator received and what it answered, as `GET /_sim/requests` shows it.
public struct JournalEntry: Sendable {
    /// Bodies longer than this are kept clipped, so a ring of entries stays small whatever partners send.
    public static let maximumBodyBytes = 64 * 1024

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
    /// What the security pipeline concluded: `accepted` with the string-to-sign it verified, or `rejected` with
    /// what it expected (the expected string-to-sign for a bad signature). Kept even with `--no-explain`.
    public var verdict: JSONObject?
    /// Why a service or rule refused the request, when it did (kept even with `--no-explain`).
    public var explanation: JSONObject?
    /// The rule or forced outcome that decided the answer, if one did.
    public var matchedRule: String?
    /// The transport fault inflicted on the answer (``TransportFault`` raw value); the response shown is the
    /// answer before the fault.
    public var fault: String?

    /// The entry as JSON, members in a fixed order.
    public var json: JSONValue {
        var response: JSONObject = [
            "status": .int(status),
            "responseCode": responseCode.map(JSONValue.string) ?? .null,
            "body": .string(responseBody),
        ]
        if let fault { response["fault"] = .string(fault) }
        var object: JSONObject = [
            "sequence": .int(sequence),
            "receivedAt": .string(receivedAt.description),
            "partner": partner.map(JSONValue.string) ?? .null,
            "method": .string(method),
            "path": .string(target),
            "service": service.map(JSONValue.string) ?? .null,
            "headers": .object(JSONObject(headers.map { ($0.name, JSONValue.string($0.value)) })),
            "body": .string(body),
            "response": .object(response),
        ]
        if let verdict { object["verdict"] = .object(verdict) }
        if let explanation { object["explanation"] = .object(explanation) }
        object["matchedRule"] = matchedRule.map(JSONValue.string) ?? .null
        return .object(object)
    }

    /// `bytes` as text, clipped to ``maximumBodyBytes`` with a note saying how long it was.
    static func text(_ bytes: [UInt8]) -> String {
        guard bytes.count > maximumBodyBytes else { return String(decoding: bytes, as: UTF8.self) }
        return String(decoding: bytes.prefix(maximumBodyBytes), as: UTF8.self) + "…(clipped: \(bytes.count) bytes)"
    }
}
