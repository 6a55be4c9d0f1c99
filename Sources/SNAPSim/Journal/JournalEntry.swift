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
    /// `inbound` for a request a partner sent; `outbound` for a notification attempt the simulator sent
    /// (issue 14): then the headers and body are what was sent, the response what the partner's webhook answered.
    public var direction: JournalDirection = .inbound
    /// For an outbound entry: the delivery, kind, URL, attempt number and latency (``JournalEntry/init(_:attempt:)``).
    public var notification: JSONObject?
    /// How much later than at once the answer left because its partner was over its ``RejectionBudget``; `nil`
    /// for every answer that was not held (the entry is then exactly what it is without a budget).
    public var rejectionBudgetDelay: Duration?

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
        if let rejectionBudgetDelay { object["rejectionBudgetDelayMs"] = .int(Int(rejectionBudgetDelay.wholeMilliseconds)) }
        // Inbound entries keep their members exactly as before; outbound ones say what they are.
        if direction == .outbound {
            object["direction"] = .string(direction.rawValue)
            object["kind"] = "notification-attempt"
            if let notification { object["notification"] = .object(notification) }
        }
        return .object(object)
    }

    /// What the entry holds, in bytes, as the journal's byte limit counts it: its texts plus a fixed overhead.
    public var byteSize: Int {
        256 + target.utf8.count + body.utf8.count + responseBody.utf8.count
            + headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 32 }
            + (verdict.map { JSONValue.object($0).textSize } ?? 0) + (explanation.map { JSONValue.object($0).textSize } ?? 0)
            + (notification.map { JSONValue.object($0).textSize } ?? 0)
    }

    /// `bytes` as text of at most ``maximumBodyBytes`` UTF-8 bytes, with a note saying how long it was when
    /// clipped. Bytes that are not UTF-8 become U+FFFD (three bytes each), so the limit is applied to the text,
    /// not only to the bytes received: a body of invalid UTF-8 cannot triple in the journal.
    static func text(_ bytes: [UInt8]) -> String {
        var text = String(decoding: bytes.prefix(maximumBodyBytes), as: UTF8.self)
        guard bytes.count > maximumBodyBytes || text.utf8.count > maximumBodyBytes else { return text }
        if text.utf8.count > maximumBodyBytes {
            var kept = 0
            let scalars = text.unicodeScalars.prefix { scalar in
                kept += UTF8.width(scalar)
                return kept <= maximumBodyBytes
            }
            text = String(String.UnicodeScalarView(scalars))
        }
        return text + "…(clipped: \(bytes.count) bytes)"
    }
}

extension JSONValue {
    /// Roughly the bytes of the value's text: its strings and numbers plus a few bytes per member.
    var textSize: Int {
        switch self {
        case .string(let text): text.utf8.count + 2
        case .number(let text): text.utf8.count
        case .null, .bool: 5
        case .array(let elements): elements.reduce(2) { $0 + $1.textSize + 1 }
        case .object(let object): object.reduce(2) { $0 + $1.key.utf8.count + 4 + $1.value.textSize }
        }
    }
}
