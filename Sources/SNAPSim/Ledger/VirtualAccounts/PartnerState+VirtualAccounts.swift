import SimJSON

/// A completed VA payment: what the notifications of a later issue announce ("VA paid") and what the
/// admin API and `snapsim pay` print.
public struct VirtualAccountPaid: Sendable, Hashable {
    /// The VA after the payment (its `paidAmount` includes it).
    public var account: VirtualAccount
    /// The payment itself.
    public var payment: VirtualAccountPayment
    /// Whether this payment settled the bill (closed paid, partial paid in full).
    public var settled: Bool
    /// `true` when this was a retry of an earlier payment with the same paymentRequestId: nothing moved.
    public var replayed: Bool
    /// The merchant account credited, `nil` when the VA's biller has none.
    public var merchantAccountNo: String?
}

/// How a payment into a VA is asked for, by a bank (service 25) or the simulated payer.
public struct VirtualAccountPaymentOrder: Sendable, Hashable {
    public var virtualAccountNo: String
    public var amount: Amount
    public var paymentRequestId: String
    /// `api` or `payer`.
    public var channel: String
    /// The request in canonical form: a retry must carry the same payload.
    public var fingerprint: String

    public init(
        virtualAccountNo: String, amount: Amount, paymentRequestId: String, channel: String, fingerprint: String
    ) {
        self.virtualAccountNo = virtualAccountNo
        self.amount = amount
        self.paymentRequestId = paymentRequestId
        self.channel = channel
        self.fingerprint = fingerprint
    }
}

extension PartnerState {
    /// Opens the fixtures' VAs into this partner's book on its first VA request.
    mutating func openVirtualAccounts(_ fixtures: LoadedFixtures) {
        guard !virtualAccounts.opened else { return }
        virtualAccounts.open(with: fixtures.virtualAccounts.accounts)
    }

    /// Pays into a VA: checks it is payable and the amount fits its type, records the payment and credits the
    /// biller's merchant account. Idempotent on paymentRequestId: the same order again answers the first
    /// payment without moving money; another payload with that id is `404xx18 Inconsistent Request`.
    /// - Throws: `404xx12` unknown/deleted/inactive, `404xx19` expired, `404xx14` already paid, `404xx13` amount.
    public mutating func pay(_ order: VirtualAccountPaymentOrder, fixtures: LoadedFixtures, at time: SimTime)
        throws(SNAPError) -> VirtualAccountPaid
    {
        openVirtualAccounts(fixtures)
        if let (account, payment) = virtualAccounts.payment(order.paymentRequestId) {
            guard payment.fingerprint == order.fingerprint,
                VirtualAccountBook.key(account.virtualAccountNo) == VirtualAccountBook.key(order.virtualAccountNo)
            else {
                throw SNAPError.inconsistentRequest.explained([
                    "summary": .string(
                        "paymentRequestId \(order.paymentRequestId) already paid \(payment.amount.value) into VA \(account.virtualAccountNo) with another payload"
                    )
                ])
            }
            return VirtualAccountPaid(
                account: account, payment: payment, settled: account.isSettled, replayed: true,
                merchantAccountNo: account.merchantAccountNo)
        }
        guard let account = virtualAccounts.account(order.virtualAccountNo) else {
            throw SNAPError.invalidBill("not found").explained([
                "summary": .string(
                    "no virtual account \(order.virtualAccountNo) for this partner (create it with create-va or add it to virtual-accounts.json)"
                )
            ])
        }
        if let refusal = VirtualAccountBook.refusal(account, at: time) { throw refusal }
        if let refusal = VirtualAccountBook.amountRefusal(order.amount, into: account) { throw refusal }
        let payment = VirtualAccountPayment(
            paymentRequestId: order.paymentRequestId,
            referenceNo: ids.referenceNumber(length: fixtures.engine.referenceNoLength),
            amount: order.amount, paidAt: time, channel: order.channel, fingerprint: order.fingerprint)
        guard let paid = virtualAccounts.record(payment, into: order.virtualAccountNo) else {
            throw SNAPError.generalError.explained(["summary": "the VA vanished while being paid"])
        }
        var credited: String?
        if let merchant = paid.merchantAccountNo, ledger.creditMerchant(merchant, order.amount) { credited = merchant }
        return VirtualAccountPaid(
            account: paid, payment: payment, settled: paid.isSettled, replayed: false,
            merchantAccountNo: credited)
    }
}
