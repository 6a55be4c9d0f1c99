import SNAPSim
import SimJSON

/// Changes to the fixtures for one scenario, so it can set up the customer or limits it needs without a
/// fixture set of its own: `{"customers": {"081234560001": {"tier": "premium", "balance": "0.00"}}}`.
///
/// In-process every change applies. On a `--target` with snapsim's admin token the customers are set up in the
/// scenario's partners' ledgers (`PUT /_sim/accounts/{number}?partner=…`); tiers and security belong to the served
/// fixtures every partner shares, so a scenario changing them is skipped there.
public struct FixtureOverrides: Sendable, Hashable {
    /// Customers changed (or added, when the number is new: then `name`, `tier` and `balance` are required).
    public var customers: [CustomerChange]
    /// Limits of existing tiers changed.
    public var tiers: [TierChange]
    /// Security settings changed.
    public var security: SecurityChange

    public init(customers: [CustomerChange] = [], tiers: [TierChange] = [], security: SecurityChange = SecurityChange())
    {
        self.customers = customers
        self.tiers = tiers
        self.security = security
    }

    /// Whether the scenario changes nothing (it can then run with any `--target`).
    public var isEmpty: Bool { customers.isEmpty && tiers.isEmpty && security == SecurityChange() }

    /// New values for one customer's fields; `nil` keeps the fixture's.
    public struct CustomerChange: Sendable, Hashable {
        public var customerNumber: String
        public var name: String?
        public var tier: String?
        public var balance: Amount?
        public var toppedUpThisMonth: Amount?
        public var status: CustomerStatus?
        /// Where the change is written, for messages.
        public var pointer: JSONPointer
    }

    /// New limits for one tier; `nil` keeps the fixture's.
    public struct TierChange: Sendable, Hashable {
        public var name: String
        public var balanceCap: Amount?
        public var monthlyTopUpCap: Amount?
        public var minimumTopUp: Amount?
        public var fee: Amount?
        public var feeType: String?
        public var dailyAccountInquiryLimit: Int?
        public var pointer: JSONPointer
    }

    /// New security settings; `nil` keeps the fixture's.
    public struct SecurityChange: Sendable, Hashable {
        public var tokenLifetimeSeconds: Int?
        public var timestampSkewSeconds: Int?

        public init(tokenLifetimeSeconds: Int? = nil, timestampSkewSeconds: Int? = nil) {
            self.tokenLifetimeSeconds = tokenLifetimeSeconds
            self.timestampSkewSeconds = timestampSkewSeconds
        }
    }
}

extension FixtureOverrides {
    /// A change that does not fit the fixtures (an unknown tier, a new customer without a name…).
    public struct Mismatch: Error, Sendable, Hashable {
        public var pointer: JSONPointer
        public var message: String
    }

    /// `fixtures` with these changes; every partner's opening ledger includes them.
    public func applied(to fixtures: LoadedFixtures) throws(Mismatch) -> LoadedFixtures {
        var result = fixtures
        for change in tiers {
            guard var tier = result.tiers[change.name] else {
                throw Mismatch(
                    pointer: change.pointer,
                    message:
                        "no tier \"\(change.name)\" in the fixtures (known: \(fixtures.tiers.keys.sorted().joined(separator: ", ")))"
                )
            }
            if let value = change.balanceCap { tier.balanceCap = value }
            if let value = change.monthlyTopUpCap { tier.monthlyTopUpCap = value }
            if let value = change.minimumTopUp { tier.minimumTopUp = value }
            if let value = change.fee { tier.fee = value }
            if let value = change.feeType { tier.feeType = value }
            if let value = change.dailyAccountInquiryLimit { tier.dailyAccountInquiryLimit = value }
            result.tiers[change.name] = tier
        }
        if !customers.isEmpty {
            var byNumber = Dictionary(
                uniqueKeysWithValues: fixtures.ledger.customers.map { ($0.key, $0.value.customer) })
            for change in customers {
                byNumber[change.customerNumber] = try changed(
                    byNumber[change.customerNumber], by: change, tiers: result.tiers)
            }
            let ordered = byNumber.keys.sorted().compactMap { byNumber[$0] }
            result.ledger = Ledger(
                customers: ordered,
                accounts: fixtures.ledger.accounts.keys.sorted().compactMap { fixtures.ledger.accounts[$0] },
                topUpRecordLimit: fixtures.engine.topUpRecordLimit)
        }
        if let value = security.tokenLifetimeSeconds { result.security.tokenLifetimeSeconds = value }
        if let value = security.timestampSkewSeconds { result.security.timestampSkewSeconds = value }
        return result
    }

    private func changed(_ existing: EMoneyCustomer?, by change: CustomerChange, tiers: [String: Tier]) throws(Mismatch)
        -> EMoneyCustomer
    {
        if let tier = change.tier, tiers[tier] == nil {
            throw Mismatch(
                pointer: change.pointer.appending("tier"),
                message: "no tier \"\(tier)\" in the fixtures (known: \(tiers.keys.sorted().joined(separator: ", ")))")
        }
        guard var customer = existing else {
            guard let name = change.name, let tier = change.tier, let balance = change.balance else {
                throw Mismatch(
                    pointer: change.pointer,
                    message:
                        "\(change.customerNumber) is not a customer of the fixtures: to add one, give name, tier and balance"
                )
            }
            return EMoneyCustomer(
                customerNumber: change.customerNumber, name: name, tier: tier, balance: balance,
                toppedUpThisMonth: change.toppedUpThisMonth ?? .zero, status: change.status ?? .active)
        }
        if let value = change.name { customer.name = value }
        if let value = change.tier { customer.tier = value }
        if let value = change.balance { customer.balance = value }
        if let value = change.toppedUpThisMonth { customer.toppedUpThisMonth = value }
        if let value = change.status { customer.status = value }
        return customer
    }
}

extension FixtureOverrides {
    /// What is changed, for reports: `customers 081234560001; tiers basic; security`.
    public var summary: String {
        var parts: [String] = []
        if !customers.isEmpty { parts.append("customers " + customers.map(\.customerNumber).joined(separator: ", ")) }
        if !tiers.isEmpty { parts.append("tiers " + tiers.map(\.name).joined(separator: ", ")) }
        if security != SecurityChange() { parts.append("security") }
        return parts.joined(separator: "; ")
    }
}
