import SimHTTP
import SimJSON

/// `GET`/`DELETE /_sim/requests` and `GET /_sim/requests/count`.
extension AdminAPI {
    func requests(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        switch request.method {
        case .get:
            var entries = simulator.journalEntries(matching: try filter(request))
            if let limit = try integer("limit", request) {
                entries = Array(entries.suffix(limit))
            }
            return json(200, ["count": .int(entries.count), "requests": .array(entries.map(\.json))])
        case .delete:
            let partner = request.queryValue("partner")
            simulator.clearJournal(partner: partner)
            return json(200, ["cleared": partner.map(JSONValue.string) ?? "all"])
        default:
            throw notAllowed(request, allowed: "GET, DELETE")
        }
    }

    func requestCount(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        guard request.method == .get else { throw notAllowed(request, allowed: "GET") }
        return json(200, ["count": .int(simulator.journalEntries(matching: try filter(request)).count)])
    }

    private func filter(_ request: HTTPRequest) throws(AdminFailure) -> JournalFilter {
        JournalFilter(
            partner: request.queryValue("partner"), path: request.queryValue("path"),
            service: request.queryValue("service"), responseCode: request.queryValue("responseCode"),
            method: request.queryValue("method"), status: try integer("status", request, in: 0...999),
            matchedRule: request.queryValue("matchedRule"), after: try integer("after", request))
    }
}
