/// One partner's QR and payment-gateway payments, found by partnerReferenceNo, referenceNo or partnerRefundNo.
public struct QRISBook: Codable, Sendable {
    private var payments: [String: QRPayment] = [:]
    private var byReference: [String: String] = [:]
    private var byRefund: [String: String] = [:]
    /// partnerReferenceNo in creation order, so listings never depend on dictionary order.
    private var order: [String] = []
    /// Answers to QR MPM payment host-to-host (50) by its partnerReferenceNo, for retries.
    private var hostToHost: [String: HostToHostAnswer] = [:]

    /// A host-to-host payment's answer and the fingerprint of the request it answered.
    struct HostToHostAnswer: Codable, Sendable {
        var fingerprint: String
        var answer: RecordedAnswer
    }

    /// An empty book.
    public init() {}

    /// Payments kept now.
    public var count: Int { payments.count }

    /// Every payment, oldest first.
    public var all: [QRPayment] { order.compactMap { payments[$0] } }

    /// The payment with this partnerReferenceNo.
    public func payment(partnerReferenceNo: String) -> QRPayment? { payments[partnerReferenceNo] }

    /// The payment with this referenceNo.
    public func payment(referenceNo: String) -> QRPayment? {
        byReference[referenceNo].flatMap { payments[$0] }
    }

    /// The payment a partnerRefundNo was used for.
    public func payment(partnerRefundNo: String) -> QRPayment? {
        byRefund[partnerRefundNo].flatMap { payments[$0] }
    }

    /// The answer given to the host-to-host payment with this partnerReferenceNo.
    func hostToHostAnswer(_ partnerReferenceNo: String) -> (fingerprint: String, answer: RecordedAnswer)? {
        hostToHost[partnerReferenceNo].map { ($0.fingerprint, $0.answer) }
    }

    /// Keeps a host-to-host payment's answer for retries.
    mutating func recordHostToHost(_ partnerReferenceNo: String, fingerprint: String, answer: RecordedAnswer) {
        hostToHost[partnerReferenceNo] = HostToHostAnswer(fingerprint: fingerprint, answer: answer)
    }

    /// Adds a payment or replaces the one with the same partnerReferenceNo.
    public mutating func save(_ payment: QRPayment) {
        if payments[payment.partnerReferenceNo] == nil { order.append(payment.partnerReferenceNo) }
        payments[payment.partnerReferenceNo] = payment
        byReference[payment.referenceNo] = payment.partnerReferenceNo
        for refund in payment.refunds { byRefund[refund.partnerRefundNo] = payment.partnerReferenceNo }
    }
}
