import SimJSON

/// One NICEPAY payout (disbursement), from registration to its final status.
public struct Payout: Codable, Sendable, Hashable {
    /// NICEPAY's transaction id (`originalReferenceNo`): iMid + `07` + `yyyyMMddHHmmss` + 4 digits.
    public var tXid: String
    public var partnerReferenceNo: String
    public var merchantId: String
    /// The merchant account funding it.
    public var accountNo: String
    public var beneficiaryAccountNo: String
    public var beneficiaryName: String
    public var beneficiaryBankCode: String
    public var beneficiaryPhone: String
    public var beneficiaryCustomerResidence: String
    public var beneficiaryCustomerType: String?
    public var payoutMethod: String
    public var amount: Amount
    public var fee: Amount
    public var description: String?
    /// When a scheduled payout runs (`reservedDt` + `reservedTm`, Jakarta time); `nil` runs on approval.
    public var reservedAt: SimTime?
    public var registeredAt: SimTime
    public var approvedAt: SimTime?
    public var status: PayoutStatus = .pending
    /// What the bank will do with it (from the beneficiary fixtures).
    public var plan: PayoutOutcome
    /// For a suspect payout: when the bank's late answer arrives, and what it is.
    public var resolveAt: SimTime?
    public var resolvesTo: PayoutOutcome = .success
    /// For a suspect payout: how long the bank takes to answer, in seconds.
    public var resolveAfterSeconds = 600

    /// Amount plus fee: what approval holds.
    public var total: Amount { Amount(minorUnits: amount.minorUnits + fee.minorUnits, currency: amount.currency) }

    /// Whether it was approved and waits for its schedule (the only state `cancel` accepts).
    public var isWaitingForSchedule: Bool { approvedAt != nil && status == .pending }

    /// The beneficiary fields NICEPAY echoes in its answers.
    var beneficiaryFields: JSONObject {
        [
            "beneficiaryAccountNo": .string(beneficiaryAccountNo),
            "beneficiaryName": .string(beneficiaryName),
            "beneficiaryBankCode": .string(beneficiaryBankCode),
        ]
    }
}
