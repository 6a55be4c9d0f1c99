import SimJSON

/// One movement of money on one account of the ledger: what transaction history (services 12 and 13) lists.
///
/// Every service that moves money appends one per account it touches (``Ledger/append(_:)``): a top-up credits
/// the customer, a transfer debits its source (and credits the beneficiary when that is an account of the
/// ledger), a payment debits the customer and credits the merchant, a refund the other way round.
public struct LedgerMovement: Codable, Sendable, Hashable {
    /// Whose account moved.
    public var holder: MovementHolder
    /// ASPI's transaction type: `TOP_UP`, `SEND_MONEY`, `PAYMENT`, …
    public var type: MovementType
    /// Money in or out of the holder's account.
    public var direction: MovementDirection
    /// The transaction amount (what the partner asked to move), never negative.
    public var amount: Amount
    /// What the holder paid on top of `amount` (a transfer fee); zero for credits.
    public var fee: Amount
    /// The partner's reference of the transaction: history detail (13) finds the movement by it.
    public var partnerReferenceNo: String?
    /// The provider's reference of the transaction.
    public var referenceNo: String?
    /// The SNAP service that moved the money.
    public var service: ServiceCode
    /// When it happened (simulator time).
    public var time: SimTime
    /// Free text, e.g. `Transfer to 8377388292 (BCA)`.
    public var remark: String
    /// ASPI's history status: `SUCCESS` for money that moved.
    public var status: MovementStatus

    /// A movement; `fee` defaults to zero and `status` to `SUCCESS`.
    public init(
        holder: MovementHolder, type: MovementType, direction: MovementDirection, amount: Amount, fee: Amount = .zero,
        partnerReferenceNo: String?, referenceNo: String?, service: ServiceCode, time: SimTime, remark: String,
        status: MovementStatus = .success
    ) {
        self.holder = holder
        self.type = type
        self.direction = direction
        self.amount = amount
        self.fee = fee
        self.partnerReferenceNo = partnerReferenceNo
        self.referenceNo = referenceNo
        self.service = service
        self.time = time
        self.remark = remark
        self.status = status
    }

    /// What left or entered the holder's balance: amount plus fee for a debit.
    public var balanceEffect: Amount {
        Amount(minorUnits: direction == .debit ? amount.minorUnits + fee.minorUnits : amount.minorUnits)
    }
}

/// The account a movement belongs to.
public enum MovementHolder: Codable, Sendable, Hashable {
    /// An e-money customer, by `08…` number.
    case customer(String)
    /// A merchant or corporate account, by account number.
    case account(String)
}

/// Money in or out.
public enum MovementDirection: String, Codable, Sendable, Hashable {
    case credit = "CREDIT"
    case debit = "DEBIT"
}

/// ASPI's transaction types of history; open, so a service may add its own.
public struct MovementType: Codable, RawRepresentable, Sendable, Hashable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let topUp = MovementType(rawValue: "TOP_UP")
    public static let payment = MovementType(rawValue: "PAYMENT")
    public static let refund = MovementType(rawValue: "REFUND")
    public static let sendMoney = MovementType(rawValue: "SEND_MONEY")
    public static let receiveMoney = MovementType(rawValue: "RECEIVE_MONEY")
}

/// ASPI's history statuses: `INIT`, `SUCCESS`, `CLOSED`, `CANCELLED`.
public struct MovementStatus: Codable, RawRepresentable, Sendable, Hashable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let initiated = MovementStatus(rawValue: "INIT")
    public static let success = MovementStatus(rawValue: "SUCCESS")
    public static let closed = MovementStatus(rawValue: "CLOSED")
    public static let cancelled = MovementStatus(rawValue: "CANCELLED")
}
