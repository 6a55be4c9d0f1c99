import SimHTTP
import SimJSON

/// `GET`/`DELETE /_sim/requests` and `GET /_sim/requests/count`.
///
/// `GET` answers one page: the newest `limit` entries (default 100, at most 1,000), or with `after=N` the
/// oldest `limit` entries after sequence N, and at most ``pageBytes`` of entries; `next` is the `after` of
/// the following page (`null` when there is none).
extension AdminAPI {
    static let defaultPage = 100
    static let maximumPage = 1000
    static let pageBytes = 8 << 20

    func requests(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        switch request.method {
        case .get:
            let filter = try filter(request)
            let entries = simulator.journalEntries(matching: filter)
            let limit = try integer("limit", request, in: 1...Self.maximumPage) ?? Self.defaultPage
            // Paging forward from `after` gives the oldest entries after it; otherwise the newest `limit`.
            var page = filter.after == nil ? Array(entries.suffix(limit)) : Array(entries.prefix(limit))
            // A page also stops at a byte budget, so one answer stays small whatever the bodies hold.
            var bytes = 0
            if let cut = page.firstIndex(where: { entry in
                bytes += entry.byteSize
                return bytes > Self.pageBytes
            }) {
                page = Array(page[..<max(cut, 1)])
            }
            let more = page.last.map { last in entries.last.map { $0.sequence > last.sequence } ?? false } ?? false
            return json(200, [
                "count": .int(page.count),
                "next": more ? page.last.map { .int($0.sequence) } ?? .null : .null,
                "requests": .array(page.map(\.json)),
            ])
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
        var filter = JournalFilter(
            partner: request.queryValue("partner"), path: request.queryValue("path"),
            service: request.queryValue("service"), responseCode: request.queryValue("responseCode"),
            method: request.queryValue("method"), status: try integer("status", request, in: 0...999),
            matchedRule: request.queryValue("matchedRule"), after: try integer("after", request))
        if let text = request.queryValue("direction") {
            guard let direction = JournalDirection(rawValue: text) else {
                throw AdminFailure(reply: error(400, "direction must be inbound or outbound, not \"\(text)\"."))
            }
            filter.direction = direction
        }
        return filter
    }
}
