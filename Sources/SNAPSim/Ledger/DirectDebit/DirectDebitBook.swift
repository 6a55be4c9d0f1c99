/// One partner's bindings, OTPs, direct-debit payments and what its merchants were paid.
///
/// A value inside ``PartnerState``: every partner sees only its own bindings and payments. Lookups are by the
/// references partners quote (referenceNo, partnerReferenceNo, X-EXTERNAL-ID, tokens); listings sort, so no
/// dictionary order leaks into answers.
public struct DirectDebitBook: Sendable {
    /// Bindings by their referenceNo.
    public private(set) var bindings: [String: Binding] = [:]
    private var bindingByToken: [String: String] = [:]
    /// OTPs by chargeToken.
    public private(set) var challenges: [String: OTPChallenge] = [:]
    private var latestChallenge: [String: String] = [:]
    /// Payments by partnerReferenceNo.
    public private(set) var payments: [String: DebitRecord] = [:]
    private var paymentByReference: [String: String] = [:]
    private var paymentByExternalId: [String: String] = [:]
    /// partnerRefundNo → the payment's partnerReferenceNo: each partnerRefundNo is used once.
    private var refundOwner: [String: String] = [:]
    /// What each merchant was paid net of refunds, in minor units.
    public private(set) var merchantBalances: [String: Amount] = [:]

    public init() {}

    // MARK: - Bindings

    /// The binding with this referenceNo.
    public func binding(referenceNo: String) -> Binding? { bindings[referenceNo] }

    /// The binding whose account or card token is `token`.
    public func binding(token: String) -> Binding? { bindingByToken[token].flatMap { bindings[$0] } }

    /// Bindings of one customer, oldest first.
    public func bindings(of customerNumber: String) -> [Binding] {
        bindings.values.filter { $0.customerNumber == customerNumber }
            .sorted { ($0.createdAt, $0.referenceNo) < ($1.createdAt, $1.referenceNo) }
    }

    mutating func store(_ binding: Binding) {
        bindings[binding.referenceNo] = binding
        if let token = binding.token { bindingByToken[token] = binding.referenceNo }
    }

    // MARK: - OTPs

    /// The OTP with this chargeToken.
    public func challenge(chargeToken: String) -> OTPChallenge? { challenges[chargeToken] }

    /// The latest OTP sent for a binding.
    public func latestChallenge(forBinding referenceNo: String) -> OTPChallenge? {
        latestChallenge[referenceNo].flatMap { challenges[$0] }
    }

    mutating func store(_ challenge: OTPChallenge) {
        challenges[challenge.chargeToken] = challenge
        latestChallenge[challenge.bindingReferenceNo] = challenge.chargeToken
    }

    // MARK: - Payments

    /// The payment with this partnerReferenceNo.
    public func payment(partnerReferenceNo: String) -> DebitRecord? { payments[partnerReferenceNo] }

    /// The payment with this referenceNo.
    public func payment(referenceNo: String) -> DebitRecord? { paymentByReference[referenceNo].flatMap { payments[$0] } }

    /// The payment sent with this X-EXTERNAL-ID.
    public func payment(externalId: String) -> DebitRecord? { paymentByExternalId[externalId].flatMap { payments[$0] } }

    /// Every payment, oldest first.
    public var allPayments: [DebitRecord] {
        payments.values.sorted { ($0.createdAt, $0.referenceNo) < ($1.createdAt, $1.referenceNo) }
    }

    mutating func store(_ record: DebitRecord) {
        payments[record.partnerReferenceNo] = record
        paymentByReference[record.referenceNo] = record.partnerReferenceNo
        if let externalId = record.externalId { paymentByExternalId[externalId] = record.partnerReferenceNo }
        for refund in record.refunds { refundOwner[refund.partnerRefundNo] = record.partnerReferenceNo }
    }

    /// The payment a partnerRefundNo was used for.
    public func refundOwner(of partnerRefundNo: String) -> String? { refundOwner[partnerRefundNo] }

    mutating func creditMerchant(_ merchantId: String, _ amount: Amount) {
        merchantBalances[merchantId, default: .zero].minorUnits += amount.minorUnits
    }
}
