import SimHTTP
import SimJSON

/// One notification on its way to a partner: what is sent, where, and every attempt so far.
public struct NotificationDelivery: Sendable {
    /// Where the delivery stands.
    public enum State: Sendable, Equatable {
        /// Waiting for the simulator clock to reach `at` (the first attempt, a retry, or a delayed fault).
        case scheduled(at: SimTime)
        /// An attempt is on the wire.
        case sending
        /// The partner acknowledged it (2xx and a success code).
        case delivered
        /// Every attempt of the profile's schedule failed.
        case failed
        /// Never sent: no endpoint, a dropped fault, a full queue; the reason says which.
        case notSent(reason: String)

        public var name: String {
            switch self {
            case .scheduled: "scheduled"
            case .sending: "sending"
            case .delivered: "delivered"
            case .failed: "failed"
            case .notSent: "not-sent"
            }
        }
    }

    /// `partner/NTF-n`, with `-r1`… for redeliveries and `-dup`, `-late` for faults' extra copies.
    public var id: String
    public var event: NotificationEvent
    public var profile: String
    /// The absolute URL posted to (after a wrong-path fault, the wrong one).
    public var url: String
    /// The path the signature covers (the URL's path).
    public var path: String
    public var body: [UInt8]
    public var state: State
    public var attempts: [NotificationAttempt] = []
    /// The fault applied to this delivery, if any (`bad-signature`, `wrong-path`…).
    public var fault: NotificationFault.Kind?
    /// Insertion order across all partners (listings are in this order).
    public var sequence: Int = 0
}

/// One POST of a delivery and what came of it.
public struct NotificationAttempt: Sendable {
    public var number: Int
    /// Simulator time of the attempt (also the `X-TIMESTAMP` sent).
    public var at: SimTime
    public var requestHeaders: HTTPHeaders
    /// The HTTP status, `nil` when no answer came (refused, timed out, reset).
    public var status: Int?
    public var responseBody: String
    /// Wall-clock milliseconds the exchange took: informational, never part of any answer's decision.
    public var latencyMilliseconds: Int
    /// `delivered`, `rejected: …` or `unreachable: …`.
    public var verdict: String
    public var succeeded: Bool
}

extension NotificationDelivery {
    /// The admin API's view of a delivery.
    var json: JSONValue {
        var object: JSONObject = [
            "id": .string(id), "partner": .string(event.partner), "kind": .string(event.kind.rawValue),
            "eventId": .string(event.id), "transactionRef": .string(event.transactionRef), "profile": .string(profile),
            "url": .string(url), "state": .string(state.name),
            "occurredAt": .string(event.occurredAt.description),
        ]
        switch state {
        case .scheduled(let at): object["nextAttemptAt"] = .string(at.description)
        case .notSent(let reason): object["reason"] = .string(reason)
        default: break
        }
        object["fault"] = fault.map { .string($0.rawValue) } ?? .null
        object["body"] = (try? JSONParser.parse(body)) ?? .string(String(decoding: body, as: UTF8.self))
        object["attempts"] = .array(attempts.map { attempt in
            var headers = JSONObject()
            for (name, value) in attempt.requestHeaders { headers[name] = .string(value) }
            return [
                "number": .int(attempt.number), "at": .string(attempt.at.description), "requestHeaders": .object(headers),
                "status": attempt.status.map { .int($0) } ?? .null, "response": .string(attempt.responseBody),
                "latencyMs": .int(attempt.latencyMilliseconds), "verdict": .string(attempt.verdict),
            ]
        })
        return .object(object)
    }
}
