/// The payouts of one partner and their state machine on the simulator clock:
///
/// ```
/// register → 03 ─reject→ 05
///              └approve→ (scheduled: 03 until reservedAt ─cancel→ 04) → 00 | 09 | 08 → 00 | 09
/// ```
///
/// Time-driven steps (a schedule reached, a suspect's late answer) happen in ``advance(to:ledger:merchants:)``,
/// which every payout and balance request runs first, so the same requests at the same simulator times always
/// see the same statuses. Each final status the merchant wants notified leaves a ``PayoutNotice`` in ``notices``.
public struct PayoutBook: Sendable {
    public private(set) var payouts: [String: Payout] = [:]
    /// tXids in registration order: time-driven steps run in this order.
    private var order: [String] = []
    private var byReference: [String: String] = [:]
    /// Notifications produced and not yet taken by the delivery (issue 14).
    public private(set) var notices: [PayoutNotice] = []

    public init() {}

    /// The payout with this tXid.
    public func payout(_ tXid: String) -> Payout? { payouts[tXid] }

    /// The tXid registered under a partnerReferenceNo.
    public func tXid(forReference reference: String) -> String? { byReference[reference] }

    mutating func register(_ payout: Payout) {
        payouts[payout.tXid] = payout
        byReference[payout.partnerReferenceNo] = payout.tXid
        order.append(payout.tXid)
    }

    /// Approves a pending payout: holds amount + fee, then runs it now or leaves it for its schedule.
    /// - Returns: `false` when the balance is short (nothing changed).
    mutating func approve(_ tXid: String, at time: SimTime, ledger: inout Ledger, merchants: [String: PayoutMerchant]) -> Bool {
        guard var payout = payouts[tXid], ledger.holdPayout(payout.accountNo, payout.total) else { return false }
        payout.approvedAt = time
        payouts[tXid] = payout
        if payout.reservedAt.map({ $0 <= time }) ?? true {
            execute(tXid, at: time, ledger: &ledger, merchants: merchants)
        }
        return true
    }

    /// Rejects a registered, unapproved payout (05); nothing was held.
    mutating func reject(_ tXid: String, at time: SimTime, merchants: [String: PayoutMerchant]) {
        var ledger = Ledger()
        finish(tXid, .rejected, at: time, ledger: &ledger, merchants: merchants)
    }

    /// Cancels an approved payout waiting for its schedule (04) and releases what approval held.
    mutating func cancel(_ tXid: String, at time: SimTime, ledger: inout Ledger, merchants: [String: PayoutMerchant]) {
        guard let payout = payouts[tXid] else { return }
        ledger.releasePayout(payout.accountNo, payout.total)
        finish(tXid, .canceled, at: time, ledger: &ledger, merchants: merchants)
    }

    /// Runs what the clock has reached: schedules due, then suspects' late answers, in registration order.
    public mutating func advance(to now: SimTime, ledger: inout Ledger, merchants: [String: PayoutMerchant]) {
        for tXid in order {
            guard let payout = payouts[tXid] else { continue }
            if payout.isWaitingForSchedule, let due = payout.reservedAt, due <= now {
                execute(tXid, at: due, ledger: &ledger, merchants: merchants)
            }
            if let current = payouts[tXid], current.status == .suspect, let due = current.resolveAt, due <= now {
                let outcome: PayoutStatus = current.resolvesTo == .failed ? .failed : .success
                settle(tXid, outcome, at: due, ledger: &ledger, merchants: merchants)
            }
        }
    }

    /// Hands the produced notifications over (to the delivery of issue 14) and forgets them.
    public mutating func takeNotices() -> [PayoutNotice] {
        defer { notices.removeAll() }
        return notices
    }

    // MARK: - Steps

    /// The bank's treatment of an approved payout whose time has come.
    private mutating func execute(_ tXid: String, at time: SimTime, ledger: inout Ledger, merchants: [String: PayoutMerchant]) {
        guard var payout = payouts[tXid] else { return }
        switch payout.plan {
        case .success, .invalid:
            settle(tXid, .success, at: time, ledger: &ledger, merchants: merchants)
        case .failed:
            settle(tXid, .failed, at: time, ledger: &ledger, merchants: merchants)
        case .suspect, .approveTimeout:
            payout.status = .suspect
            payout.resolveAt = time + .seconds(payout.resolveAfterSeconds)
            payouts[tXid] = payout
        }
    }

    /// Disbursed (00: the held money leaves) or failed (09: it comes back).
    private mutating func settle(_ tXid: String, _ status: PayoutStatus, at time: SimTime, ledger: inout Ledger,
        merchants: [String: PayoutMerchant])
    {
        guard let payout = payouts[tXid] else { return }
        if status == .success {
            ledger.settlePayout(payout.accountNo, payout.total)
        } else {
            ledger.releasePayout(payout.accountNo, payout.total)
        }
        finish(tXid, status, at: time, ledger: &ledger, merchants: merchants)
    }

    private mutating func finish(_ tXid: String, _ status: PayoutStatus, at time: SimTime, ledger: inout Ledger,
        merchants: [String: PayoutMerchant])
    {
        guard var payout = payouts[tXid] else { return }
        payout.status = status
        payout.resolveAt = nil
        payouts[tXid] = payout
        if let merchant = merchants[payout.merchantId], merchant.notifyOn.contains(status), let url = merchant.notifyURL {
            notices.append(PayoutNotice(payout: payout, url: url, at: time))
        }
    }
}
