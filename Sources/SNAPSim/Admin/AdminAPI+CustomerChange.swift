import SimHTTP
import SimJSON

/// `PUT /_sim/accounts/{customerNumber}?partner=ID`: sets up one e-money customer in one partner's ledger, as a
/// scenario's fixture override does in-process (`{"status": "blocked"}`, `{"tier": "premium"}`), so the same
/// scenario can run against a served snapsim without changing the fixtures every other partner sees.
extension AdminAPI {
    static let customerChangeFields = ["name", "tier", "balance", "toppedUpThisMonth", "status"]

    func changeCustomer(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        guard let partner = try partner(request, required: true) else {
            return error(400, "Name the partner: ?partner=<clientId>.")
        }
        let number = String(request.path.dropFirst(Self.accountsPrefix.count))
        guard EMoneyCustomer.isWellFormedNumber(number) else {
            return error(400, "\"\(number)\" is not a customer number: 08 followed by digits, at most 16 characters.")
        }
        let usage =
            #"Send any of {"name", "tier", "balance": "19990000.00", "toppedUpThisMonth": "0.00", "status": "blocked"}"#
            + "; a new customer needs name, tier and balance."
        guard let body = try jsonBody(request, usage: usage).objectValue, !body.isEmpty else {
            return error(400, usage)
        }
        if let unknown = body.map(\.key).first(where: { !Self.customerChangeFields.contains($0) }) {
            let known = Self.customerChangeFields.joined(separator: ", ")
            return error(400, "\(unknown): not a customer field (known: \(known)).")
        }
        let change: CustomerChange
        switch CustomerChange.read(body, tiers: simulator.fixtures.tiers) {
        case .success(let read): change = read
        case .failure(let message): return error(400, message.text)
        }
        let refused: String? = simulator.withPartner(partner) { state, _ in
            var account: CustomerAccount
            if let existing = state.ledger.customers[number] {
                account = existing
            } else {
                guard let name = change.name, let tier = change.tier, let balance = change.balance else {
                    return "\(number) is not a customer of the fixtures: to add one, give name, tier and balance."
                }
                account = CustomerAccount(
                    EMoneyCustomer(customerNumber: number, name: name, tier: tier, balance: balance))
            }
            if let value = change.name { account.customer.name = value }
            if let value = change.tier { account.customer.tier = value }
            if let value = change.balance {
                account.customer.balance = value
                account.balance = value
            }
            if let value = change.toppedUpThisMonth { account.customer.toppedUpThisMonth = value }
            if let value = change.status { account.customer.status = value }
            state.ledger.customers[number] = account
            return nil
        }
        if let refused { return error(400, refused) }
        return try account(HTTPRequest(method: .get, target: request.target))
    }

    /// The fields of a customer change, each checked.
    struct CustomerChange {
        var name: String?
        var tier: String?
        var balance: Amount?
        var toppedUpThisMonth: Amount?
        var status: CustomerStatus?

        struct Problem: Error { var text: String }

        static func read(_ body: JSONObject, tiers: [String: Tier]) -> Result<CustomerChange, Problem> {
            var change = CustomerChange()
            func string(_ key: String) -> Result<String?, Problem> {
                guard let value = body[key] else { return .success(nil) }
                guard let text = value.stringValue else { return .failure(Problem(text: "\(key): expected a string.")) }
                return .success(text)
            }
            func amount(_ key: String) -> Result<Amount?, Problem> {
                string(key).flatMap { text in
                    guard let text else { return .success(nil) }
                    guard let units = Amount.parseValue(text) else {
                        let problem =
                            "\(key): \"\(text)\" is not an amount: digits with two decimals, e.g. \"2000000.00\"."
                        return .failure(Problem(text: problem))
                    }
                    return .success(Amount(minorUnits: units))
                }
            }
            do {
                change.name = try string("name").get()
                change.tier = try string("tier").get()
                change.balance = try amount("balance").get()
                change.toppedUpThisMonth = try amount("toppedUpThisMonth").get()
                if let text = try string("status").get() {
                    guard let status = CustomerStatus(rawValue: text) else {
                        let known = CustomerStatus.allCases.map(\.rawValue).joined(separator: ", ")
                        return .failure(Problem(text: "status: unknown status \"\(text)\" (known: \(known))."))
                    }
                    change.status = status
                }
            } catch {
                return .failure(error)
            }
            if let tier = change.tier, tiers[tier] == nil {
                let known = tiers.keys.sorted().joined(separator: ", ")
                return .failure(Problem(text: "tier: no tier \"\(tier)\" in the fixtures (known: \(known))."))
            }
            return .success(change)
        }
    }
}
