import SimJSON

/// A customer's request to become premium (registered e-money: KTP), and where it stands in E2Pay's review: an
/// admin **maker** verifies it, then an admin **checker** approves or rejects it (`POST /_sim/payer/e2pay-upgrade`).
struct E2PayUpgrade: Sendable, Hashable, Codable {
    /// E2Pay's `upgradeStatus` values, spelling included (`SUBMITED`).
    enum Status: String, Sendable, Hashable, Codable {
        case submitted = "SUBMITED"
        case approved = "APPROVED"
        case rejected = "REJECTED"
    }

    let id: String
    let accountId: String
    let identityNumber: String
    let name: String
    var status: Status
    /// Who verified it (the maker); the checker may decide only after.
    var verifiedBy: String?
    /// Who approved or rejected it (the checker), and why.
    var decidedBy: String?
    var reason: String?
    /// Simulator time in milliseconds since 1970 (kept as integers so the record stays plainly `Codable`).
    let submittedAtMs: Int64
    var decidedAtMs: Int64?

    var json: JSONValue {
        var object: JSONObject = [
            "id": .string(id), "accountId": .string(accountId), "name": .string(name),
            "identityNumber": .string(identityNumber), "upgradeStatus": .string(status.rawValue),
            "submittedAt": .string(SimTime(millisecondsSince1970: submittedAtMs).description),
            "verifiedBy": verifiedBy.map(JSONValue.string) ?? .null,
            "decidedBy": decidedBy.map(JSONValue.string) ?? .null,
            "reason": reason.map(JSONValue.string) ?? .null,
        ]
        object["decidedAt"] = decidedAtMs.map { .string(SimTime(millisecondsSince1970: $0).description) } ?? .null
        return .object(object)
    }
}

extension Ledger {
    /// Moves a customer to `tier` at once (an approved upgrade); balance and this month's incoming total carry over.
    /// - Returns: `false` when the customer is unknown.
    mutating func changeTier(_ customerNumber: String, to tier: String) -> Bool {
        guard customers[customerNumber] != nil else { return false }
        customers[customerNumber]?.customer.tier = tier
        return true
    }
}
