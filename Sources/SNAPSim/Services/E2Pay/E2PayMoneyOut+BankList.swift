import SimHTTP
import SimJSON

/// `GET /b2b/bank/ibft`, `/b2b/bank/sdp`, `/b2b/bank/bifast`: the banks of one list (`e2pay-banks.json`),
/// filtered by `id`/`name`, sorted and paged: `{"data": [{id, name, active, …}], "rowCount": n}`.
extension E2PayMoneyOut {
    func bankList(_ list: String) throws(E2PayRefusal) -> JSONValue {
        let limit = try whole("limit", default: 100, in: 1...1000)
        let offset = try whole("offset", default: 0, in: 0...Int.max)
        var banks = directory.banks.filter { $0.lists.contains(list) }
        if let id = query("id") { banks = banks.filter { $0.id == id } }
        if let name = query("name") { banks = banks.filter { $0.name.lowercased().contains(name.lowercased()) } }
        let sortField = query("sortField") ?? "name"
        let key: (E2PayBankDirectory.Bank) -> String
        switch sortField {
        case "name": key = { $0.name }
        case "id": key = { $0.id }
        case "bankCode": key = { $0.bankCode }
        default: throw E2PayRefusal(.validationError, "sortField \(sortField) is not id, name or bankCode")
        }
        banks.sort { (key($0), $0.id) < (key($1), $1.id) }
        switch query("sortOrder") ?? "ASCENDING" {
        case "ASCENDING": break
        case "DESCENDING": banks.reverse()
        case let other: throw E2PayRefusal(.validationError, "sortOrder \(other) is not ASCENDING or DESCENDING")
        }
        let rows: [JSONValue] = banks.dropFirst(offset).prefix(limit).map { bank in
            [
                "id": .string(bank.id), "name": .string(bank.name), "bankCode": .string(bank.bankCode),
                "active": .bool(bank.active), "biFast": .bool(bank.lists.contains("bifast")),
            ]
        }
        return ["data": .array(rows), "rowCount": .int(banks.count)]
    }

    private func whole(_ name: String, default value: Int, in range: ClosedRange<Int>) throws(E2PayRefusal) -> Int {
        guard let text = request.queryValue(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw E2PayRefusal(.validationError,
                "\(name) must be a whole number in \(range.lowerBound)…\(range.upperBound)")
        }
        return number
    }
}
