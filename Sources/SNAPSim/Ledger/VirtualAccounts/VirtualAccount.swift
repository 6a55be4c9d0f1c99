import SimJSON

/// How a virtual account takes money (ASPI `virtualAccountTrxType`).
public enum VirtualAccountTrxType: String, Codable, Sendable, Hashable, CaseIterable {
    /// Closed: paid once, exactly `totalAmount`.
    case closed = "C"
    /// Open: any amount, any number of times, until it expires or is deleted.
    case open = "O"
    /// Partial (installments): several payments that together reach `totalAmount`, never more.
    case partial = "I"
    /// DOKU's variable amount: treated as partial, each payment at most what is still owed.
    case variable = "V"

    /// Whether payments accumulate towards `totalAmount` (partial and variable).
    var accumulates: Bool { self == .partial || self == .variable }

    /// What people call it, for explanations.
    var title: String {
        switch self {
        case .closed: "closed"
        case .open: "open"
        case .partial: "partial"
        case .variable: "variable (partial)"
        }
    }
}

/// One payment into a virtual account, by the payer simulation or by a bank calling VA payment (25).
public struct VirtualAccountPayment: Codable, Sendable, Hashable {
    /// The idempotency key: a retry with the same id and payload is answered as before, without a second credit.
    public var paymentRequestId: String
    /// The provider's reference of the payment.
    public var referenceNo: String
    /// What was paid.
    public var amount: Amount
    /// When it was paid (simulator time).
    public var paidAt: SimTime
    /// Who paid: `api` (service 25) or `payer` (the admin API / `snapsim pay`).
    public var channel: String
    /// The request body in canonical form, for the idempotency check.
    public var fingerprint: String
}

/// A virtual account as one partner's ledger holds it.
public struct VirtualAccount: Codable, Sendable, Hashable {
    /// Eight characters, left-padded with spaces (`"   88899"`): the biller (merchant) prefix.
    public var partnerServiceId: String
    /// The customer's part of the number, digits.
    public var customerNo: String
    /// `partnerServiceId` followed by `customerNo`, as the partner wrote it.
    public var virtualAccountNo: String
    public var name: String
    public var email: String?
    public var phone: String?
    /// The partner's bill or invoice id; creation is idempotent on it.
    public var trxId: String
    public var trxType: VirtualAccountTrxType
    /// What the bill is for (zero for an open VA without one).
    public var totalAmount: Amount
    /// Open and partial VAs: the least and most one payment may be.
    public var minAmount: Amount?
    public var maxAmount: Amount?
    /// When it stops taking payments; `nil` never.
    public var expiresAt: SimTime?
    /// `expiredDate` as the partner wrote it, answered back unchanged.
    public var expiredDateText: String?
    /// `false` after an update to `INACTIVE`: payments are refused until it is active again.
    public var active = true
    /// Set by update-status `paidStatus` `Y`: the bill is settled outside the simulator.
    public var flaggedPaid = false
    /// Set by delete: kept for status inquiries, refused for everything else.
    public var deleted = false
    /// The merchant account that VA payments credit (from the biller), `nil` when the biller has none.
    public var merchantAccountNo: String?
    /// The partner's `additionalInfo` of create/update (channel, virtualAccountConfig), echoed back.
    public var additionalInfo: JSONObject
    public var createdAt: SimTime
    /// The create request in canonical form: a retried create with the same trxId must carry the same payload.
    public var fingerprint: String
    /// Payments, oldest first.
    public var payments: [VirtualAccountPayment] = []

    /// The sum of the payments.
    public var paidAmount: Amount {
        Amount(minorUnits: payments.reduce(0) { $0 + $1.amount.minorUnits }, currency: totalAmount.currency)
    }

    /// What is still owed (zero for an open VA).
    public var remaining: Amount {
        guard trxType != .open else { return .zero }
        return Amount(minorUnits: max(0, totalAmount.minorUnits - paidAmount.minorUnits))
    }

    /// Whether the bill is settled: a closed or partial VA paid in full, or flagged paid.
    public var isSettled: Bool {
        if flaggedPaid { return true }
        switch trxType {
        case .closed, .partial, .variable: return !payments.isEmpty && remaining.minorUnits == 0
        case .open: return false
        }
    }

    /// Whether it has expired at `time`.
    public func isExpired(at time: SimTime) -> Bool {
        guard let expiresAt else { return false }
        return time >= expiresAt
    }

    /// Its place in the `latestTransactionStatus` machine at `time`.
    ///
    /// Deleted → 05; settled (or an open VA with payments) → 00; partly paid and still payable → 02; partly or
    /// not paid and expired → 06; awaiting its first payment → 03; inactive and unpaid → 01 (created, not payable).
    public func status(at time: SimTime) -> TransactionStatus {
        if deleted { return .canceled }
        if isSettled || (trxType == .open && !payments.isEmpty) { return .success }
        if isExpired(at: time) { return .failed }
        if !active { return .initiated }
        return payments.isEmpty ? .pending : .paying
    }
}

extension VirtualAccount {
    /// The number without spaces: how the book finds it.
    public var numberKey: String { VirtualAccountBook.key(virtualAccountNo) }
}
