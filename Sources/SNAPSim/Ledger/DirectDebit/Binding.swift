/// A link between the partner and one e-money customer, through which the partner may debit the customer:
/// an account binding (services 06, 07) or a card registration (01).
public struct Binding: Codable, Sendable, Hashable {
    /// What was bound.
    public enum Kind: String, Codable, Sendable, Hashable {
        /// The customer's e-money account (07, or 06 which also opens it).
        case account
        /// A debit or credit card (01), linked to the customer named by `phoneNo`.
        case card
    }

    /// Where the binding is in its life.
    public enum Status: String, Codable, Sendable, Hashable {
        /// Waiting for the customer: approval at `redirectUrl` or an OTP.
        case pending = "PENDING"
        /// The partner may debit the customer.
        case active = "ACTIVE"
        /// The customer refused it.
        case rejected = "REJECTED"
        /// Unbound by the partner (09, 05); no longer usable.
        case unbound = "UNBOUND"
    }

    public var kind: Kind
    public var status: Status
    /// The provider's reference of the binding request: what the payer approves and what OTPs name.
    public var referenceNo: String
    /// The partner's reference, when it sent one.
    public var partnerReferenceNo: String?
    /// The ledger's customer (`08…`).
    public var customerNumber: String
    /// The token the partner debits with (`accountToken` / `bankCardToken`), issued on activation.
    public var token: String?
    /// A card's masked number (`526422******3310`).
    public var maskedCardNo: String?
    /// The partner's own id for the customer (DOKU's `custIdMerchant`).
    public var customerIdAtMerchant: String?
    /// When it was requested.
    public var createdAt: SimTime

    /// A binding request waiting for the customer.
    public init(kind: Kind, referenceNo: String, customerNumber: String, createdAt: SimTime) {
        self.kind = kind
        self.status = .pending
        self.referenceNo = referenceNo
        self.customerNumber = customerNumber
        self.createdAt = createdAt
    }
}

/// A one-time password sent to a customer's phone for a pending binding or card (services 81 and 04).
public struct OTPChallenge: Codable, Sendable, Hashable {
    /// The binding's referenceNo the OTP confirms.
    public var bindingReferenceNo: String
    /// What the partner quotes when verifying (`chargeToken`).
    public var chargeToken: String
    /// The six digits, drawn from the partner's identifier stream (so `--seed` repeats them).
    public var code: String
    /// When it was sent.
    public var issuedAt: SimTime
    /// Wrong entries so far.
    public var failedAttempts = 0
    /// Whether it was used (verified) or blocked.
    public var isSpent = false

    /// How long an OTP stays valid.
    public static let lifetime = Duration.seconds(300)
    /// Wrong entries after which the OTP is blocked (`403xx11`).
    public static let attemptLimit = 3

    public init(bindingReferenceNo: String, chargeToken: String, code: String, issuedAt: SimTime) {
        self.bindingReferenceNo = bindingReferenceNo
        self.chargeToken = chargeToken
        self.code = code
        self.issuedAt = issuedAt
    }
}
