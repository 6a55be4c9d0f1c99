import SimJSON

/// A direct-debit payment (service 54) the simulator accepted, kept for retries, status, cancel and refunds.
public struct DebitRecord: Codable, Sendable, Hashable {
    /// The partner's reference: the idempotency key.
    public var partnerReferenceNo: String
    /// The provider's reference.
    public var referenceNo: String
    /// The `X-EXTERNAL-ID` of the payment request.
    public var externalId: String?
    /// Who pays: known at once (customer token, binding token) or once the payer approves.
    public var customerNumber: String?
    /// Who is paid (`merchantId`, or the partner's client id when the request names none).
    public var merchantId: String
    public var amount: Amount
    /// Refunded so far; never above `amount`.
    public var refunded: Amount = .zero
    /// 00 paid, 01 waiting for the payer, 04 fully refunded, 05 cancelled, 06 failed.
    public var status: TransactionStatus
    /// The request body in canonical form: a retry must carry the same payload.
    public var fingerprint: String
    public var createdAt: SimTime
    /// The payer must approve before this (DANA's `validUpTo`); `nil` for no limit.
    public var validUpTo: SimTime?
    public var paidAt: SimTime?
    public var cancelledAt: SimTime?
    /// Refunds by partnerRefundNo, in the order made.
    public var refunds: [DebitRefund] = []
    /// The answer given to the payment request, replayed for a retry.
    public var answer: RecordedAnswer

    /// What is left to refund.
    public var refundable: Amount { Amount(minorUnits: amount.minorUnits - refunded.minorUnits) }

    public init(
        partnerReferenceNo: String, referenceNo: String, externalId: String?, customerNumber: String?,
        merchantId: String, amount: Amount, status: TransactionStatus, fingerprint: String, createdAt: SimTime,
        validUpTo: SimTime?, answer: RecordedAnswer
    ) {
        self.partnerReferenceNo = partnerReferenceNo
        self.referenceNo = referenceNo
        self.externalId = externalId
        self.customerNumber = customerNumber
        self.merchantId = merchantId
        self.amount = amount
        self.status = status
        self.fingerprint = fingerprint
        self.createdAt = createdAt
        self.validUpTo = validUpTo
        self.answer = answer
    }
}

/// One refund of a direct-debit payment (service 58).
public struct DebitRefund: Codable, Sendable, Hashable {
    public var partnerRefundNo: String
    public var refundNo: String
    public var amount: Amount
    public var reason: String?
    public var refundedAt: SimTime
    /// The refund request body in canonical form: a retry must carry the same payload.
    public var fingerprint: String
}

/// What became of a direct-debit payment once it is final: the hook for payment notifications (service 56),
/// which a later issue sends to the partner. Returned by the book's settling functions.
public struct DirectDebitCompletion: Sendable, Hashable {
    public var partnerReferenceNo: String
    public var referenceNo: String
    public var externalId: String?
    public var customerNumber: String?
    public var merchantId: String
    public var amount: Amount
    /// `00` paid, `05` cancelled or expired, `06` refused by the payer.
    public var status: TransactionStatus
    public var at: SimTime

    init(_ record: DebitRecord, at time: SimTime) {
        partnerReferenceNo = record.partnerReferenceNo
        referenceNo = record.referenceNo
        externalId = record.externalId
        customerNumber = record.customerNumber
        merchantId = record.merchantId
        amount = record.amount
        status = record.status
        at = time
    }

    /// The completion as the admin API shows it.
    public var json: JSONValue {
        [
            "partnerReferenceNo": .string(partnerReferenceNo), "referenceNo": .string(referenceNo),
            "externalId": externalId.map(JSONValue.string) ?? .null,
            "customerNumber": customerNumber.map(JSONValue.string) ?? .null, "merchantId": .string(merchantId),
            "amount": amount.json, "latestTransactionStatus": .string(status.rawValue),
            "transactionStatusDesc": .string(status.statusDescription), "at": .string(at.description),
        ]
    }
}
