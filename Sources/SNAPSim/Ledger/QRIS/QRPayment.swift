/// A QR or payment-gateway order and what became of it: created (47, DANA's create order), paid by a
/// simulated payer or host-to-host (50), cancelled (77), refunded (78).
public struct QRPayment: Codable, Sendable, Hashable {
    /// How the payment came to be.
    public enum Origin: String, Codable, Sendable, Hashable {
        /// A dynamic QRIS made by QR MPM generate (47).
        case generatedQR = "47"
        /// A QR paid host-to-host by an issuer (50), or a static code scanned by the simulated payer.
        case hostToHost = "50"
        /// An order of DANA's payment gateway (create order, 54): paid by redirect or by its QRIS.
        case paymentGateway = "54"
    }

    /// How the payment came to be.
    public var origin: Origin
    /// The partner's reference: the idempotency key.
    public var partnerReferenceNo: String
    /// The simulator's reference (also the QR's reference label, template 62 sub-tag 05).
    public var referenceNo: String
    /// `X-EXTERNAL-ID` of the creating request.
    public var externalId: String?
    /// Who is paid.
    public var merchantId: String
    /// Store and terminal as the partner named them.
    public var storeId: String?
    public var terminalId: String?
    /// What the payer pays (without any tip).
    public var amount: Amount
    /// The fee the partner declared.
    public var feeAmount: Amount?
    /// The QRIS string, when the order has one.
    public var qrContent: String?
    /// The checkout address, for payment-gateway orders paid by redirect.
    public var webRedirectUrl: String?
    /// A short description (DANA's order title).
    public var title: String?
    /// When it was created, and until when it may be paid (`nil`: no limit).
    public var createdAt: SimTime
    public var validUntil: SimTime?
    /// The creating request in canonical form: a retry must carry the same payload.
    public var fingerprint: String
    /// The answer to the creating request, replayed to a retry.
    public var answer: RecordedAnswer
    /// Set once paid.
    public var paidAt: SimTime?
    /// The paying customer (`08…`).
    public var payer: String?
    /// The tip or convenience fee the payer added.
    public var tip: Amount = .zero
    /// Set once cancelled.
    public var cancelledAt: SimTime?
    public var cancelReason: String?
    /// Refunds, oldest first.
    public var refunds: [QRRefund] = []
    /// For a payment the payer made pending (`settleAfterSeconds`): when it settles; `03` Pending until then.
    public var settlesAt: SimTime?

    /// A new, unpaid payment.
    public init(
        origin: Origin, partnerReferenceNo: String, referenceNo: String, externalId: String?, merchantId: String,
        amount: Amount, createdAt: SimTime, fingerprint: String, answer: RecordedAnswer
    ) {
        self.origin = origin
        self.partnerReferenceNo = partnerReferenceNo
        self.referenceNo = referenceNo
        self.externalId = externalId
        self.merchantId = merchantId
        self.amount = amount
        self.createdAt = createdAt
        self.fingerprint = fingerprint
        self.answer = answer
    }

    /// Everything refunded so far.
    public var refunded: Amount {
        Amount(minorUnits: refunds.reduce(0) { $0 + $1.amount.minorUnits })
    }

    /// What the payer paid (amount and tip).
    public var paid: Amount { Amount(minorUnits: amount.minorUnits + tip.minorUnits) }

    /// Whether the code or order may no longer be paid at `time` because its validity ended.
    public func isExpired(at time: SimTime) -> Bool {
        paidAt == nil && cancelledAt == nil && validUntil.map { time > $0 } == true
    }

    /// The 00–07 status at `time`: 01 until paid, 00 once paid, 04 once fully refunded, 05 once cancelled or
    /// expired unpaid.
    public func status(at time: SimTime) -> TransactionStatus {
        if cancelledAt != nil || isExpired(at: time) { return .canceled }
        guard paidAt != nil else { return .initiated }
        if let settlesAt, time < settlesAt { return .pending }
        return refunded.minorUnits >= paid.minorUnits ? .refunded : .success
    }
}

/// One refund of a QR payment.
public struct QRRefund: Codable, Sendable, Hashable {
    /// The partner's refund reference: each is used once.
    public var partnerRefundNo: String
    /// The simulator's refund reference.
    public var refundNo: String
    public var amount: Amount
    public var at: SimTime
    /// The refund request in canonical form, for retries.
    public var fingerprint: String

    /// A refund.
    public init(partnerRefundNo: String, refundNo: String, amount: Amount, at: SimTime, fingerprint: String) {
        self.partnerRefundNo = partnerRefundNo
        self.refundNo = refundNo
        self.amount = amount
        self.at = at
        self.fingerprint = fingerprint
    }
}

/// A payment that has just been settled: the payer debited and the merchant credited. Returned by every way of
/// paying, so that payment notifications (provider → partner) can be sent from one place.
public struct SettledQRPayment: Sendable, Hashable {
    /// The partner whose order or merchant was paid.
    public var partnerReferenceNo: String
    public var referenceNo: String
    public var origin: QRPayment.Origin
    public var merchantId: String
    /// The paying customer (`08…`).
    public var payer: String
    /// What the payer paid, tip included.
    public var amount: Amount
    public var paidAt: SimTime
}
