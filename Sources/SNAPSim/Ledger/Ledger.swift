/// Balances, limits and top-ups of the e-money customers and merchant accounts, as one partner sees them.
///
/// A value: every partner gets its own copy of the fixtures' ledger (see ``PartnerSlots``), so one team's
/// top-ups never show in another team's inquiries. Amounts are integer minor units throughout.
public struct Ledger: Codable, Sendable {
    /// E-money customers by customer number.
    public internal(set) var customers: [String: CustomerAccount] = [:]
    /// Merchant accounts by account number.
    public internal(set) var accounts: [String: MerchantAccount] = [:]
    /// Decided top-ups, for retries and status inquiries.
    public private(set) var topUps: TopUpJournal
    /// Every movement of money on the ledger, for transaction history (``Ledger/append(_:)``).
    public internal(set) var movements: MovementLog
    /// The Jakarta month (`2026-11`) of this ledger's first request: the fixtures' `toppedUpThisMonth`
    /// counts for it. `nil` until ``open(at:)``.
    public private(set) var openingMonth: String?

    /// An empty ledger.
    public init() {
        topUps = TopUpJournal()
        movements = MovementLog()
    }

    /// A ledger opening with these customers and accounts.
    public init(customers: [EMoneyCustomer], accounts: [MerchantAccount], topUpRecordLimit: Int = 100_000) {
        topUps = TopUpJournal(limit: topUpRecordLimit)
        movements = MovementLog(limit: topUpRecordLimit)
        for customer in customers { self.customers[customer.customerNumber] = CustomerAccount(customer) }
        for account in accounts { self.accounts[account.accountNo] = account }
    }

    /// Fixes the opening month on first use; later calls do nothing.
    public mutating func open(at time: SimTime) {
        if openingMonth == nil { openingMonth = CivilDate.jakartaMonth(of: time) }
    }

    /// The customer's live state, `nil` when unknown.
    public func customer(_ customerNumber: String) -> CustomerAccount? {
        customers[customerNumber]
    }

    /// The merchant account, `nil` when unknown.
    public func account(_ accountNo: String) -> MerchantAccount? {
        accounts[accountNo]
    }

    /// What `customerNumber` topped up in the Jakarta month of `time`.
    public func toppedUp(_ customerNumber: String, inMonthOf time: SimTime) -> Amount {
        toppedUp(customerNumber, inMonth: CivilDate.jakartaMonth(of: time))
    }

    /// What `customerNumber` topped up in `month` (`2026-11`, ``CivilDate/jakartaMonth(of:)``).
    func toppedUp(_ customerNumber: String, inMonth month: String) -> Amount {
        guard let account = customers[customerNumber] else { return .zero }
        let opening = month == (openingMonth ?? month) ? account.customer.toppedUpThisMonth.minorUnits : 0
        return Amount(minorUnits: opening + account.monthlyCredits[month, default: 0])
    }

    /// How much `customerNumber` may still top up at `time` under `tier`'s caps.
    public func headroom(_ customerNumber: String, tier: Tier, at time: SimTime) -> TopUpHeadroom {
        headroom(customerNumber, tier: tier, inMonth: CivilDate.jakartaMonth(of: time))
    }

    /// How much `customerNumber` may still top up in `month` (``CivilDate/jakartaMonth(of:)``, worked out by the
    /// caller before the partner's lock) under `tier`'s caps.
    func headroom(_ customerNumber: String, tier: Tier, inMonth month: String) -> TopUpHeadroom {
        let balance = customers[customerNumber]?.balance ?? .zero
        let topped = toppedUp(customerNumber, inMonth: month)
        return TopUpHeadroom(
            balanceHeadroom: Amount(minorUnits: tier.balanceCap.minorUnits - balance.minorUnits),
            monthlyHeadroom: Amount(minorUnits: tier.monthlyTopUpCap.minorUnits - topped.minorUnits))
    }

    /// ``headroom(_:tier:inMonth:)`` of an account the caller has just read from this ledger: the same figures,
    /// without looking the customer up twice more (a top-up reads its account once, under the partner's lock).
    func headroom(of account: CustomerAccount, tier: Tier, inMonth month: String) -> TopUpHeadroom {
        let opening = month == (openingMonth ?? month) ? account.customer.toppedUpThisMonth.minorUnits : 0
        let topped = opening + account.monthlyCredits[month, default: 0]
        return TopUpHeadroom(
            balanceHeadroom: Amount(minorUnits: tier.balanceCap.minorUnits - account.balance.minorUnits),
            monthlyHeadroom: Amount(minorUnits: tier.monthlyTopUpCap.minorUnits - topped))
    }

    /// Counts one account inquiry for `customerNumber` on the Jakarta day of `time`; returns the day's count
    /// including this one (0 for an unknown customer).
    public mutating func countInquiry(_ customerNumber: String, at time: SimTime) -> Int {
        guard customers[customerNumber] != nil else { return 0 }
        let day = CivilDate.jakartaDay(of: time)
        customers[customerNumber]?.dailyInquiries[day, default: 0] += 1
        return customers[customerNumber]?.dailyInquiries[day] ?? 0
    }

    /// Account inquiries `customerNumber` got on the Jakarta day of `time`.
    public func inquiries(_ customerNumber: String, onDayOf time: SimTime) -> Int {
        customers[customerNumber]?.dailyInquiries[CivilDate.jakartaDay(of: time)] ?? 0
    }

    /// Adds `amount` to the balance and to the month's top-ups. The caller checks the limits first.
    public mutating func credit(_ customerNumber: String, _ amount: Amount, at time: SimTime) {
        credit(customerNumber, amount, inMonth: CivilDate.jakartaMonth(of: time))
    }

    /// Adds `amount` to the balance and to the top-ups of `month` (``CivilDate/jakartaMonth(of:)``); one look-up
    /// of the customer.
    mutating func credit(_ customerNumber: String, _ amount: Amount, inMonth month: String) {
        guard let index = customers.index(forKey: customerNumber) else { return }
        customers.values[index].balance.minorUnits += amount.minorUnits
        customers.values[index].monthlyCredits[month, default: 0] += amount.minorUnits
    }

    /// Keeps a decided top-up for retries and status inquiries.
    public mutating func record(_ topUp: TopUpRecord) {
        topUps.append(topUp)
    }
}
