import SimJSON

/// An e-money account tier and its limits (seed 000; Bank Indonesia's caps).
public struct Tier: Sendable, Hashable {
    /// `basic` (unregistered) or `premium` (registered), or any name the fixtures add.
    public var name: String
    /// Most the balance may hold: Rp 2,000,000 basic, Rp 20,000,000 premium.
    public var balanceCap: Amount
    /// Most that may be topped up in one Jakarta calendar month: Rp 20,000,000 basic, Rp 40,000,000 premium.
    public var monthlyTopUpCap: Amount
    /// Smallest accepted top-up (the account inquiry's `minAmount`).
    public var minimumTopUp: Amount
    /// Fee a top-up costs the partner (the account inquiry's `feeAmount`).
    public var fee: Amount
    /// The account inquiry's `feeType`.
    public var feeType: String
    /// Account inquiries per customer per Jakarta day; the next one gets `403xx04`.
    public var dailyAccountInquiryLimit: Int

    /// A tier with these limits.
    public init(
        name: String, balanceCap: Amount, monthlyTopUpCap: Amount, minimumTopUp: Amount, fee: Amount,
        feeType: String, dailyAccountInquiryLimit: Int
    ) {
        self.name = name
        self.balanceCap = balanceCap
        self.monthlyTopUpCap = monthlyTopUpCap
        self.minimumTopUp = minimumTopUp
        self.fee = fee
        self.feeType = feeType
        self.dailyAccountInquiryLimit = dailyAccountInquiryLimit
    }

    static let fields = [
        "name", "description", "balanceCap", "monthlyTopUpCap", "minimumTopUp", "fee", "feeType",
        "dailyAccountInquiryLimit",
    ]

    static func read(_ node: FixtureNode, _ problems: inout FixtureProblems) -> Tier? {
        guard node.expectObject(allowed: fields, &problems) else { return nil }
        let name = node.string("name", required: true, &problems)
        _ = node.string("description", required: false, &problems)
        let balanceCap = node.amount("balanceCap", required: true, &problems)
        let monthlyCap = node.amount("monthlyTopUpCap", required: true, &problems)
        let minimum = node.amount("minimumTopUp", required: true, &problems)
        let fee = node.amount("fee", required: true, &problems)
        let feeType = node.string("feeType", required: true, maxLength: 25, &problems)
        let dailyLimit = node.integer("dailyAccountInquiryLimit", required: true, in: 0...1_000_000, &problems)
        // A tier with bad amounts is still returned (with zeros) so that its customers do not also get a
        // misleading "unknown tier"; the problems already recorded reject the set.
        guard let name else { return nil }
        if let minimum, minimum.minorUnits == 0 {
            problems.add(node["minimumTopUp"] ?? node, "must be above 0.00: a top-up of nothing is refused anyway")
        }
        return Tier(
            name: name, balanceCap: balanceCap ?? .zero, monthlyTopUpCap: monthlyCap ?? .zero,
            minimumTopUp: minimum ?? .zero, fee: fee ?? .zero, feeType: feeType ?? "", dailyAccountInquiryLimit: dailyLimit ?? 0)
    }
}
