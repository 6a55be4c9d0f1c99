/// One partner's bindings, OTPs, direct-debit payments and what its merchants were paid.
///
/// A value inside ``PartnerState``: every partner sees only its own bindings and payments. Lookups are by the
/// references partners quote (referenceNo, partnerReferenceNo, X-EXTERNAL-ID, tokens); listings sort, so no
/// dictionary order leaks into answers.
///
/// Bounded like ``TopUpJournal``: past ``limit`` payments, bindings or OTPs the oldest of that kind is forgotten,
/// so a load test that pays or binds in a loop keeps memory flat.
public struct DirectDebitBook: Codable, Sendable {
    /// Most payments, bindings and OTPs kept (each).
    public let limit: Int
    private var paymentOrder = InsertionOrder()
    private var bindingOrder = InsertionOrder()
    private var challengeOrder = InsertionOrder()
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

    /// An empty book keeping at most `limit` (at least one) of each kind.
    public init(limit: Int = 100_000) {
        self.limit = max(1, limit)
    }

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
        if bindings.updateValue(binding, forKey: binding.referenceNo) == nil {
            bindingOrder.append(binding.referenceNo)
        }
        if let token = binding.token { bindingByToken[token] = binding.referenceNo }
        while bindings.count > limit, let oldest = bindingOrder.popFirst() {
            guard let evicted = bindings.removeValue(forKey: oldest) else { continue }
            if let token = evicted.token, bindingByToken[token] == oldest { bindingByToken[token] = nil }
        }
    }

    // MARK: - OTPs

    /// The OTP with this chargeToken.
    public func challenge(chargeToken: String) -> OTPChallenge? { challenges[chargeToken] }

    /// The latest OTP sent for a binding.
    public func latestChallenge(forBinding referenceNo: String) -> OTPChallenge? {
        latestChallenge[referenceNo].flatMap { challenges[$0] }
    }

    mutating func store(_ challenge: OTPChallenge) {
        if challenges.updateValue(challenge, forKey: challenge.chargeToken) == nil {
            challengeOrder.append(challenge.chargeToken)
        }
        latestChallenge[challenge.bindingReferenceNo] = challenge.chargeToken
        while challenges.count > limit, let oldest = challengeOrder.popFirst() {
            guard let evicted = challenges.removeValue(forKey: oldest) else { continue }
            if latestChallenge[evicted.bindingReferenceNo] == oldest {
                latestChallenge[evicted.bindingReferenceNo] = nil
            }
        }
    }

    // MARK: - Payments

    /// The payment with this partnerReferenceNo.
    public func payment(partnerReferenceNo: String) -> DebitRecord? { payments[partnerReferenceNo] }

    /// The payment with this referenceNo.
    public func payment(referenceNo: String) -> DebitRecord? {
        paymentByReference[referenceNo].flatMap { payments[$0] }
    }

    /// The payment sent with this X-EXTERNAL-ID.
    public func payment(externalId: String) -> DebitRecord? { paymentByExternalId[externalId].flatMap { payments[$0] } }

    /// Every payment, oldest first.
    public var allPayments: [DebitRecord] {
        payments.values.sorted { ($0.createdAt, $0.referenceNo) < ($1.createdAt, $1.referenceNo) }
    }

    mutating func store(_ record: DebitRecord) {
        let key = record.partnerReferenceNo
        if payments.updateValue(record, forKey: key) == nil { paymentOrder.append(key) }
        paymentByReference[record.referenceNo] = key
        if let externalId = record.externalId { paymentByExternalId[externalId] = key }
        for refund in record.refunds { refundOwner[refund.partnerRefundNo] = key }
        while payments.count > limit, let oldest = paymentOrder.popFirst() {
            guard let evicted = payments.removeValue(forKey: oldest) else { continue }
            if paymentByReference[evicted.referenceNo] == oldest { paymentByReference[evicted.referenceNo] = nil }
            if let id = evicted.externalId, paymentByExternalId[id] == oldest { paymentByExternalId[id] = nil }
            for refund in evicted.refunds where refundOwner[refund.partnerRefundNo] == oldest {
                refundOwner[refund.partnerRefundNo] = nil
            }
        }
    }

    /// The payment a partnerRefundNo was used for.
    public func refundOwner(of partnerRefundNo: String) -> String? { refundOwner[partnerRefundNo] }

    mutating func creditMerchant(_ merchantId: String, _ amount: Amount) {
        merchantBalances[merchantId, default: .zero].minorUnits += amount.minorUnits
    }
}

/// Keys in the order first stored, popped from the front without shifting the array each time.
struct InsertionOrder: Codable, Sendable {
    private var keys: [String] = []
    private var head = 0

    mutating func append(_ key: String) { keys.append(key) }

    mutating func popFirst() -> String? {
        guard head < keys.count else { return nil }
        let key = keys[head]
        head += 1
        if head > 1024, head * 2 > keys.count {
            keys.removeFirst(head)
            head = 0
        }
        return key
    }
}
