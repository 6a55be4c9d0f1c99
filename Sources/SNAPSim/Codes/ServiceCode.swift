/// The two-digit SNAP service code of an API, the middle of every response code (`2003700` → `37`).
public struct ServiceCode: Codable, RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String

    /// Any two ASCII digits.
    public init?(rawValue: String) {
        guard rawValue.utf8.count == 2, rawValue.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        guard let code = ServiceCode(rawValue: value) else { preconditionFailure("not a service code: \(value)") }
        self = code
    }

    public var description: String { rawValue }

    public static func < (lhs: ServiceCode, rhs: ServiceCode) -> Bool { lhs.rawValue < rhs.rawValue }

    public static let balanceInquiry: ServiceCode = "11"
    // Transfers and history (docs/transfers.md).
    public static let transactionHistoryList: ServiceCode = "12"
    public static let transactionHistoryDetail: ServiceCode = "13"
    public static let internalAccountInquiry: ServiceCode = "15"
    public static let externalAccountInquiry: ServiceCode = "16"
    public static let intrabankTransfer: ServiceCode = "17"
    public static let interbankTransfer: ServiceCode = "18"
    public static let transferStatus: ServiceCode = "36"
    public static let bankAccountInquiry: ServiceCode = "42"
    public static let transferToBank: ServiceCode = "43"
    /// DANA's transfer-to-bank inquiry status: DANA documents SNAP service code `00` for it (answers `2000000`).
    public static let transferToBankStatus: ServiceCode = "00"
    public static let emoneyAccountInquiry: ServiceCode = "37"
    public static let customerTopUp: ServiceCode = "38"
    public static let topUpStatus: ServiceCode = "39"
    public static let accessTokenB2B: ServiceCode = "73"
    public static let accessTokenB2B2C: ServiceCode = "74"
    /// Not a SNAP code: seed 000's balance limitation check predates SNAP numbering, so its errors borrow 00.
    public static let balanceLimitCheck: ServiceCode = "00"
}
