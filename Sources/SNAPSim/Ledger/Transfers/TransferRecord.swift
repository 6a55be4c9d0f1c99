/// A transfer the simulator decided (sent or refused), kept for idempotent retries and status inquiries.
public struct TransferRecord: Codable, Sendable, Hashable {
    /// The partner's reference: the idempotency key.
    public var partnerReferenceNo: String
    /// The provider's reference; only transfers that were sent get one.
    public var referenceNo: String?
    /// The `X-EXTERNAL-ID` of the transfer request.
    public var externalId: String?
    /// `17` intrabank, `18` interbank, `43` transfer to bank.
    public var service: ServiceCode
    /// Whose money: a merchant account (17, 18) or an e-money customer (43).
    public var source: MovementHolder
    public var beneficiaryAccountNo: String
    /// The beneficiary's bank, when it was known.
    public var beneficiaryBankCode: String?
    /// How it reached the bank, when it got that far.
    public var channel: TransferChannel?
    public var amount: Amount
    /// What the sender paid on top of `amount`.
    public var fee: Amount
    /// The request's `transactionDate` as sent, or the simulator time it was decided (Jakarta, `+07:00`).
    public var transactionDate: String
    /// Tracking number towards the beneficiary bank (`traceNo`, `referenceNumber`).
    public var traceNo: String?
    /// The request body in canonical form, with the service code: a retry must carry the same payload.
    public var fingerprint: String
    public var recordedAt: SimTime
    /// `.success` when sent, `.failed` when refused.
    public var status: TransactionStatus
    /// The answer given, replayed as it was for a retry.
    public var answer: RecordedAnswer
}

/// A transfer that reached a final state, as its service decided it: what a notification (issue 14) would
/// report. Returned by ``CreditTransfer/perform(_:_:_:answer:)`` for new transfers, never for replays.
public struct TransferCompletion: Sendable, Hashable {
    /// The transfer as recorded.
    public var transfer: TransferRecord
    /// `00` sent or `06` refused.
    public var latestTransactionStatus: TransactionStatus { transfer.status }
}
