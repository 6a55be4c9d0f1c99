/// SNAP `latestTransactionStatus` values of status inquiries, with the ASPI descriptions.
public enum TransactionStatus: String, Codable, Sendable, Hashable, CaseIterable {
    case success = "00"
    case initiated = "01"
    case paying = "02"
    case pending = "03"
    case refunded = "04"
    case canceled = "05"
    case failed = "06"
    case notFound = "07"

    /// The `transactionStatusDesc` that goes with the code.
    public var statusDescription: String {
        switch self {
        case .success: "Success"
        case .initiated: "Initiated"
        case .paying: "Paying"
        case .pending: "Pending"
        case .refunded: "Refunded"
        case .canceled: "Canceled"
        case .failed: "Failed"
        case .notFound: "Not Found"
        }
    }
}
