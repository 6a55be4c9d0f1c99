/// The live state of one e-money customer in a partner's ledger.
public struct CustomerAccount: Codable, Sendable, Hashable {
    /// Who, as the fixtures declare them (tier, status, opening amounts).
    public internal(set) var customer: EMoneyCustomer
    /// The balance now.
    public internal(set) var balance: Amount
    /// Rupiah topped up per Jakarta month (`2026-11`), in minor units, on top of the fixture's
    /// `toppedUpThisMonth` for the opening month.
    var monthlyCredits: [String: Int64] = [:]
    /// Account inquiries per Jakarta day (`2026-11-21`).
    var dailyInquiries: [String: Int] = [:]

    init(_ customer: EMoneyCustomer) {
        self.customer = customer
        self.balance = customer.balance
    }

    /// The customer's `08…` number.
    public var customerNumber: String { customer.customerNumber }
}

/// How much a customer may still top up: the smaller of balance headroom and monthly headroom.
public struct TopUpHeadroom: Sendable, Hashable {
    /// Balance cap − balance (negative when a fixture starts above the cap).
    public var balanceHeadroom: Amount
    /// Monthly cap − topped up this Jakarta month.
    public var monthlyHeadroom: Amount

    /// What a top-up may add now; never below zero.
    public var available: Amount {
        Amount(minorUnits: max(0, min(balanceHeadroom.minorUnits, monthlyHeadroom.minorUnits)))
    }
}
