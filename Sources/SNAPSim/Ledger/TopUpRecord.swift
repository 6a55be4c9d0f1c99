import SimJSON

/// A customer top-up the simulator decided (credited or refused), kept for idempotent retries and status
/// inquiries.
public struct TopUpRecord: Codable, Sendable, Hashable {
    /// The partner's reference: the idempotency key.
    public var partnerReferenceNo: String
    /// The provider's reference; only credited top-ups get one.
    public var referenceNo: String?
    /// The `X-EXTERNAL-ID` of the top-up request.
    public var externalId: String?
    /// Who was (or would have been) credited.
    public var customerNumber: String
    /// The requested amount.
    public var amount: Amount
    /// The request body in canonical form (members sorted, no whitespace): a retry with the same
    /// partnerReferenceNo must carry the same payload.
    public var fingerprint: String
    /// When the top-up was decided.
    public var recordedAt: SimTime
    /// `.success` when credited, `.failed` when refused, `.pending` while it waits to settle (``PendingTopUps``).
    public var status: TransactionStatus
    /// The answer given, replayed as it was for a retry (a pending top-up's final answer once it settled).
    public var answer: RecordedAnswer
    /// When a pending top-up settled, and why it was refused then (if it was).
    public var settledAt: SimTime?
    public var settlement: String?

    /// A record of a decided top-up.
    public init(
        partnerReferenceNo: String, referenceNo: String?, externalId: String?, customerNumber: String, amount: Amount,
        fingerprint: String, recordedAt: SimTime, status: TransactionStatus, answer: RecordedAnswer
    ) {
        self.partnerReferenceNo = partnerReferenceNo
        self.referenceNo = referenceNo
        self.externalId = externalId
        self.customerNumber = customerNumber
        self.amount = amount
        self.fingerprint = fingerprint
        self.recordedAt = recordedAt
        self.status = status
        self.answer = answer
    }
}

/// A SNAP answer as given: its case, message placeholders and fields after `responseMessage`.
public struct RecordedAnswer: Codable, Sendable, Hashable {
    /// HTTP status and case of the answer.
    public var key: CaseKey
    /// Message placeholders of a refusal.
    public var placeholders: [String: String]
    /// Fields after `responseMessage` of a success.
    public var fields: JSONObject

    /// An answer as given.
    public init(key: CaseKey, placeholders: [String: String] = [:], fields: JSONObject = [:]) {
        self.key = key
        self.placeholders = placeholders
        self.fields = fields
    }

    /// The answer again, as an outcome.
    public var outcome: Outcome {
        key.httpStatus < 300 ? .snap(key: key, fields: fields) : .rejected(SNAPError(key, placeholders: placeholders))
    }
}

extension JSONValue {
    /// Compact text with object members sorted by name at every level: two bodies that differ only in
    /// whitespace or member order have the same canonical text.
    public var canonicalText: String {
        compactTextSortingKeys
    }
}
