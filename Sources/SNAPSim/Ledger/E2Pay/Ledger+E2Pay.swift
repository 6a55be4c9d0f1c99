/// The limits of seed 000 as E2Pay applies them to every credit (top-up, incoming P2P).
enum E2PayLimits {
    /// The tier name whose accounts E2Pay calls `CUSTOMER_PREMIUM`; every other tier is `CUSTOMER_BASIC`.
    static let premiumTier = "premium"

    static func tier(of account: CustomerAccount, _ fixtures: LoadedFixtures) throws(E2PayRefusal) -> Tier {
        guard let tier = fixtures.tiers[account.customer.tier] else {
            throw E2PayRefusal(.generalError, "the fixtures have no tier \(account.customer.tier)")
        }
        return tier
    }
}

extension Ledger {
    /// Credits `amount` to `customerNumber` unless it exceeds `sisaTopup`
    /// (= max(0, min(cap − balance, monthly cap − incoming this Jakarta month))): then `05` and nothing changes.
    mutating func e2payCredit(_ customerNumber: String, _ amount: Amount, fixtures: LoadedFixtures, at time: SimTime)
        throws(E2PayRefusal)
    {
        guard let account = customer(customerNumber) else {
            throw E2PayRefusal(.accountNotFound, "no customer \(customerNumber)")
        }
        let tier = try E2PayLimits.tier(of: account, fixtures)
        let available = headroom(customerNumber, tier: tier, at: time).available
        guard amount <= available else {
            throw E2PayRefusal(.exceedLimit, "\(amount.value) is over sisaTopup \(available.value) of \(customerNumber)")
        }
        credit(customerNumber, amount, at: time)
    }
}

/// E2Pay amounts: JSON Doubles in rupiah (`50000`, `50000.0`, `50000.50`), never more than two decimals.
enum E2PayAmount {
    /// The amount in minor units; `nil` for anything but a non-negative decimal with at most two decimals.
    static func parse(_ text: String) -> Int64? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        guard (1...15).contains(whole.count), fraction.count <= 2, !(parts.count > 1 && fraction.isEmpty),
            whole.allSatisfy({ $0.isASCII && $0.isNumber }), fraction.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        let padded = fraction + String(repeating: "0", count: 2 - fraction.count)
        return Int64(whole + padded)
    }
}
