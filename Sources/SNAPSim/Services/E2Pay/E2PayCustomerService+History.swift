import SimHTTP
import SimJSON

/// `GET /b2b/customer/me/transaction`: the logged-in customer's rows, filtered, sorted and paged
/// (`{"data": [...], "rowCount": <matches before paging>}`).
extension E2PayCustomerService {
    static let filters = [
        "accountTransactionId", "journalId", "clientRef", "transactionCode", "transactionName", "description",
        "sourceId", "senderAccountId", "senderAccountName", "receiverAccountId", "receiverAccountName", "responseCode",
        "responseMessage",
    ]

    func history(_ state: PartnerState, of accountId: String) throws(E2PayRefusal) -> JSONValue {
        let query = front.request
        let limit = try number("limit", default: 10, in: 1...100)
        let offset = try number("offset", default: 0, in: 0...Int.max)
        var rows = state.e2pay.history.filter { $0.accountId == accountId }
        for name in Self.filters {
            guard let wanted = query.queryValue(name), !wanted.isEmpty else { continue }
            rows = rows.filter { $0.value(name) == wanted }
        }
        let from = try time("transactionTimestampFrom")
        let until = try time("transactionTimestampUntil")
        if let from, let until, from > until {
            throw E2PayRefusal(.timestampRangeInvalid, "transactionTimestampFrom is after transactionTimestampUntil")
        }
        if let from { rows = rows.filter { $0.time >= from } }
        if let until { rows = rows.filter { $0.time <= until } }
        let sortField = query.queryValue("sortField") ?? "transactionTimestamp"
        let descending: Bool
        switch query.queryValue("sortOrder") ?? "DESCENDING" {
        case "ASCENDING": descending = false
        case "DESCENDING": descending = true
        case let other: throw E2PayRefusal(.validationError, "sortOrder \(other) is not ASCENDING or DESCENDING")
        }
        // Rows are kept in time order; a stable sort on the field keeps that order among equals.
        let indexed = Array(rows.enumerated())
        let sorted: [(offset: Int, element: E2PayHistoryRow)]
        switch sortField {
        case "transactionTimestamp":
            sorted = indexed.sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
        case "amount":
            sorted = indexed.sorted { ($0.element.amount.minorUnits, $0.offset) < ($1.element.amount.minorUnits, $1.offset) }
        default:
            guard Self.filters.contains(sortField) else {
                throw E2PayRefusal(.validationError, "sortField \(sortField) is not a history field")
            }
            sorted = indexed.sorted { ($0.element.value(sortField) ?? "", $0.offset) < ($1.element.value(sortField) ?? "", $1.offset) }
        }
        let ordered = descending ? sorted.reversed().map(\.element) : sorted.map(\.element)
        let page = ordered.dropFirst(offset).prefix(limit)
        return ["data": .array(page.map(\.json)), "rowCount": .int(ordered.count)]
    }

    private func number(_ name: String, default value: Int, in range: ClosedRange<Int>) throws(E2PayRefusal) -> Int {
        guard let text = front.request.queryValue(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw E2PayRefusal(.validationError, "\(name) must be a whole number in \(range.lowerBound)…\(range.upperBound)")
        }
        return number
    }

    private func time(_ name: String) throws(E2PayRefusal) -> SimTime? {
        guard let text = front.request.queryValue(name), !text.isEmpty else { return nil }
        guard let stamp = ISO8601Timestamp(text) else {
            throw E2PayRefusal(.timestampInvalid, "\(name) must be a timestamp like 2026-11-21T10:00:00+07:00, not \(text)")
        }
        return stamp.time
    }
}
