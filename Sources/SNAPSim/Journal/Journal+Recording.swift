import SimHTTP
import SimJSON

extension JournalEntry {
    /// The entry for one exchange, built outside every lock; the journal numbers it when it records it.
    ///
    /// The partner is the authenticated caller when there is one, else whoever the request claimed to be, so
    /// rejected requests show up under the partner that sent them.
    init(
        _ request: HTTPRequest, receivedAt: SimTime, service: String?, decision: Decision?, rendered: RenderedReply
    ) {
        let claimed = Self.claimedPartner(request, decision)
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
        // Sized once: `map` over a sequence without a known count regrows the array header by header.
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(request.headers.count)
        for field in request.headers { headers.append((field.name, field.value.clipped(to: 4096))) }
        self.init(
            sequence: 0, receivedAt: receivedAt, partner: claimed.map { $0.clipped(to: 128) }, method: request.method.rawValue,
            target: request.target.clipped(to: 2048), headers: headers,
            body: JournalEntry.text(request.body), service: service, status: status,
            responseCode: rendered.responseCode, responseBody: responseBody, verdict: decision?.verdict,
            explanation: explanation, matchedRule: decision?.matchedRule, fault: decision?.fault?.rawValue)
    }

    /// The partner an entry is filed under: the authenticated caller, else whoever the request claimed to be.
    static func claimedPartner(_ request: HTTPRequest, _ decision: Decision?) -> String? {
        decision?.caller?.clientId ?? request.headers["X-PARTNER-ID"] ?? request.headers["X-CLIENT-KEY"]
    }

    /// The ring the entry belongs in: its partner's when that is a partner of the fixtures; names nobody
    /// configured share one ring, so a client inventing partner ids cannot grow memory.
    func ring(in partners: [String: Partner]) -> String? {
        partner.flatMap { partners.index(forKey: $0) == nil ? nil : $0 }  // found, not copied out
    }
}

extension SecurityVerdict {
    /// The verdict of a request that passed, as the journal shows it.
    ///
    /// Every accepted request builds one: the members are gathered in an array sized once and handed over in one
    /// call, rather than grown member by member.
    var json: JSONObject {
        var members: [(key: String, value: JSONValue)] = []
        members.reserveCapacity(5)
        members.append(("result", "accepted"))
        if let signingMode { members.append(("signingMode", .string(signingMode.rawValue))) }
        if let stringToSign { members.append(("stringToSign", .string(stringToSign))) }
        if let signatureEncoding { members.append(("signatureEncoding", .string(signatureEncoding.rawValue))) }
        if let accessToken { members.append(("accessToken", .string(accessToken))) }
        return JSONObject(uniqueMembers: members)  // five distinct names: no look-up per member
    }

    /// The verdict of a token request that was granted.
    static let acceptedTokenRequest: JSONObject = ["result": "accepted", "check": "access-token-request"]

    /// The verdict of a request the pipeline refused: the case, then the explanation of what it expected.
    static func rejection(_ error: SNAPError) -> JSONObject {
        var members: [(key: String, value: JSONValue)] = [("result", "rejected"), ("case", .string(error.key.description))]
        guard let explanation = error.explanation else { return JSONObject(uniqueMembers: members) }
        // An explanation has neither name (RejectionExplanation's keys): its members are appended without a
        // look-up each, as setting them would.
        // Over the members in place, by length first (the object's iterator copied each member out).
        let clash = explanation.members.withUnsafeBufferPointer { members in
            members.contains { member in
                switch member.key.utf8.count {
                case 4: member.key == "case"
                case 6: member.key == "result"
                default: false
                }
            }
        }
        guard !clash else {
            var object = JSONObject(uniqueMembers: members)
            for member in explanation { object[member.key] = member.value }
            return object
        }
        members.reserveCapacity(members.count + explanation.count)
        members.append(contentsOf: explanation.members)
        return JSONObject(uniqueMembers: members)
    }
}
