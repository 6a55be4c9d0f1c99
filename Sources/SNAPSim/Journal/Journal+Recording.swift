import SimHTTP
import SimJSON

extension Journal {
    /// Records one exchange. The partner is the authenticated caller when there is one, else whoever the
    /// request claimed to be, so rejected requests show up under the partner that sent them. Only partners of
    /// the fixtures get a ring of their own: names nobody configured share one, so a client inventing partner
    /// ids cannot grow memory.
    mutating func record(
        _ request: HTTPRequest, receivedAt: SimTime, service: String?, decision: Decision?, rendered: RenderedReply,
        partners: [String: Partner]
    ) {
        let claimed = decision?.caller?.clientId ?? request.headers["X-PARTNER-ID"] ?? request.headers["X-CLIENT-KEY"]
        var status = 0
        var responseBody = ""
        switch rendered.reply.action {
        case .respond(let response):
            status = response.status.code
            responseBody = JournalEntry.text(response.body)
        case .closeWithoutResponse:
            responseBody = "(connection closed without an answer)"
        case .writeRawAndClose(let bytes):
            responseBody = JournalEntry.text(bytes)
        }
        var explanation: JSONObject?
        if decision?.caller != nil, case .rejected(let error, _)? = decision?.outcome {
            explanation = error.explanation
        }
        let ring = claimed.flatMap { partners[$0] == nil ? nil : $0 }
        record(ring: ring) { sequence in
            JournalEntry(
                sequence: sequence, receivedAt: receivedAt, partner: claimed, method: request.method.rawValue,
                target: request.target, headers: request.headers.map { ($0.name, $0.value) },
                body: JournalEntry.text(request.body), service: service, status: status,
                responseCode: rendered.responseCode, responseBody: responseBody, verdict: decision?.verdict,
                explanation: explanation, matchedRule: decision?.matchedRule, fault: decision?.fault?.rawValue)
        }
    }
}

extension SecurityVerdict {
    /// The verdict of a request that passed, as the journal shows it.
    var json: JSONObject {
        var object: JSONObject = ["result": "accepted"]
        if let signingMode { object["signingMode"] = .string(signingMode.rawValue) }
        if let stringToSign { object["stringToSign"] = .string(stringToSign) }
        if let signatureEncoding { object["signatureEncoding"] = .string(signatureEncoding.rawValue) }
        if let accessToken { object["accessToken"] = .string(accessToken) }
        return object
    }

    /// The verdict of a token request that was granted.
    static let acceptedTokenRequest: JSONObject = ["result": "accepted", "check": "access-token-request"]

    /// The verdict of a request the pipeline refused: the case, then the explanation of what it expected.
    static func rejection(_ error: SNAPError) -> JSONObject {
        var object: JSONObject = ["result": "rejected", "case": .string(error.key.description)]
        for member in error.explanation ?? [:] { object[member.key] = member.value }
        return object
    }
}
