/// NICEPAY's payout statuses (`transactionStatus`, `latestTransactionStatus`): SNAP code = "0" + V2 status.
public enum PayoutStatus: String, Codable, Sendable, Hashable, CaseIterable {
    /// Approved and being disbursed (NICEPAY: "Success").
    case success = "00"
    /// Registered, waiting for approval or rejection; also an approved payout waiting for its schedule.
    case pending = "03"
    /// An approved scheduled payout cancelled before its time.
    case canceled = "04"
    /// Rejected before approval.
    case rejected = "05"
    /// The bank's answer is unknown (timeout); resolves later to 00 or 09.
    case suspect = "08"
    /// The bank refused the transfer; funds released.
    case failed = "09"

    /// `transactionStatusDesc`, NICEPAY's wording.
    public var statusDescription: String {
        switch self {
        case .success: "Success"
        case .pending: "Pending"
        case .canceled: "Canceled"
        case .rejected: "Rejected"
        case .suspect: "Pending (Suspect)"
        case .failed: "Failed"
        }
    }

    /// Whether no further transition happens.
    public var isFinal: Bool {
        switch self {
        case .success, .canceled, .rejected, .failed: true
        case .pending, .suspect: false
        }
    }
}
