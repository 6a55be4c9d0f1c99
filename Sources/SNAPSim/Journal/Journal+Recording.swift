import SimHTTP

extension Journal {
    /// Records one exchange. The partner is the authenticated caller when there is one, else whoever the
    /// request claimed to be, so rejected requests show up under the partner that sent them.
    mutating func record(
        request: HTTPRequest, receivedAt: SimTime, service: String?, caller: AuthenticatedCaller?, outcome: Outcome?,
        reply: HTTPReply
    ) {
        let claimed = caller?.clientId ?? request.headers["X-PARTNER-ID"] ?? request.headers["X-CLIENT-KEY"]
        var status = 0
        var responseBody = ""
        var responseCode: String?
        switch reply.action {
        case .respond(let response):
            status = response.status.code
            responseBody = String(decoding: response.body, as: UTF8.self)
            responseCode = (try? JSONParser.parse(response.body))?[pointer: "/responseCode"]?.stringValue
        case .closeWithoutResponse:
            responseBody = "(connection closed without an answer)"
        case .writeRawAndClose(let bytes):
            responseBody = String(decoding: bytes, as: UTF8.self)
        }
        var verdict: JSONObject?
        if case .rejected(let error, _) = outcome {
            verdict = error.explanation ?? ["summary": .string("rejected with \(error.key)")]
        }
        record { sequence in
            JournalEntry(
                sequence: sequence, receivedAt: receivedAt, partner: claimed, method: request.method.rawValue,
                target: request.target, headers: request.headers.map { ($0.name, $0.value) },
                body: String(decoding: request.body, as: UTF8.self), service: service, status: status,
                responseCode: responseCode, responseBody: responseBody, verdict: verdict, matchedRule: nil)
        }
    }
}
