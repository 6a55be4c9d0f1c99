/// The payouts of one partner and their state machine on the simulator clock:
///
/// ```
/// register → 03 ─reject→ 05
///              └approve→ (scheduled: 03 until reservedAt ─cancel→ 04) → 00 | 09 | 08 → 00 | 09
/// ```
///
/// Time-driven steps (a schedule reached, a suspect's late answer) happen in ``advance(to:ledger:merchants:)``,
/// which the engine runs when the clock moves past ``nextDue`` and before each request of the partner
/// (``PayoutTimeline``), so the same requests and clock moves always give the same statuses. Each final status
/// the merchant wants notified leaves a ``PayoutNotice`` in ``notices``.
public struct PayoutBook: Codable, Sendable {
    public private(set) var payouts: [String: Payout] = [:]
    /// tXids in registration order: time-driven steps run in this order.
    private var order: [String] = []
    private var byReference: [String: String] = [:]
    /// Notifications produced and not yet taken by the delivery (issue 14).
    public private(set) var notices: [PayoutNotice] = []
    /// Payouts waiting for their schedule or their bank's late answer, by due instant (ties: registration order).
    private var due = DueSchedule()

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
        if let reservedAt = payout.reservedAt, reservedAt > time {
            due.schedule(tXid, at: reservedAt, rank: rank(tXid))
        } else {
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

    /// Runs what the clock has reached, each step at the instant it was due: schedules reached, suspects' late
    /// answers; at the same instant, in registration order.
    public mutating func advance(to now: SimTime, ledger: inout Ledger, merchants: [String: PayoutMerchant]) {
        while let (tXid, at) = due.popDue(atOrBefore: now) {
            guard let payout = payouts[tXid] else { continue }
            if payout.isWaitingForSchedule {
                execute(tXid, at: at, ledger: &ledger, merchants: merchants)
            } else if payout.status == .suspect {
                let outcome: PayoutStatus = payout.resolvesTo == .failed ? .failed : .success
                settle(tXid, outcome, at: at, ledger: &ledger, merchants: merchants)
            }
        }
    }

    /// The earliest instant a payout's step is due.
    public var nextDue: SimTime? { due.next }

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
            due.schedule(tXid, at: time + .seconds(payout.resolveAfterSeconds), rank: rank(tXid))
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
        due.cancel(tXid)
        if let merchant = merchants[payout.merchantId], merchant.notifyOn.contains(status), let url = merchant.notifyURL {
            notices.append(PayoutNotice(payout: payout, url: url, at: time))
        }
    }

    /// Registration index: the tie-break between payouts due at the same instant.
    private func rank(_ tXid: String) -> Int {
        order.lastIndex(of: tXid) ?? order.count
    }
}
