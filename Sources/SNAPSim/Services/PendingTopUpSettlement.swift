import SimJSON

/// Pending top-ups (service 38) on the clock: at its instant a pending top-up is credited (`00`) — if the
/// customer may still receive it then — or refused (`06`), the same partnerReferenceNo replays the final answer
/// from then on, status inquiries (39) report the new status, and a `topup` notification is drafted.
struct PendingTopUpSettlement: ClockDrivenSteps {
    func nextDue(in state: PartnerState) -> SimTime? {
        state.pendingTopUps.due.next
    }

    func runDue(until time: SimTime, state: inout PartnerState, fixtures: LoadedFixtures) {
        while let due = state.pendingTopUps.takeDue(atOrBefore: time) {
            guard var record = state.ledger.topUps.record(referenceNo: due.referenceNo), record.status == .pending
            else { continue }
            let refusal = due.succeeds ? Self.refusal(record, state.ledger, fixtures, at: due.at) : "the issuer refused it"
            if let refusal {
                record.status = .failed
                // A retry now hears the issuer's refusal: 403xx05 Do Not Honor.
                record.answer = RecordedAnswer(key: Self.refused)
                record.settlement = refusal
            } else {
                state.ledger.credit(record.customerNumber, record.amount, at: due.at)
                state.ledger.append(LedgerMovement(
                    holder: .customer(record.customerNumber), type: .topUp, direction: .credit, amount: record.amount,
                    partnerReferenceNo: record.partnerReferenceNo, referenceNo: due.referenceNo,
                    service: ServiceCode.customerTopUp, time: due.at, remark: "Top up (settled)"))
                record.status = .success
                record.answer = RecordedAnswer(key: ServiceAnswer.success.key, fields: record.answer.fields)
            }
            record.settledAt = due.at
            state.ledger.record(record)
            state.notifications.topUpSettled(record, at: due.at)
        }
    }

    static let refused = CaseKey(httpStatus: 403, caseCode: "05")

    /// Why the customer can no longer receive the top-up at `time` (its status changed, or other top-ups since used
    /// the headroom); `nil` when it can.
    static func refusal(_ record: TopUpRecord, _ ledger: Ledger, _ fixtures: LoadedFixtures, at time: SimTime) -> String? {
        guard let account = ledger.customer(record.customerNumber) else { return "the customer is gone" }
        if account.customer.status != .active { return "the customer is \(account.customer.status.rawValue)" }
        guard let tier = fixtures.tiers[account.customer.tier] else { return "no tier \(account.customer.tier)" }
        let headroom = ledger.headroom(record.customerNumber, tier: tier, at: time)
        guard record.amount <= headroom.available else {
            return "the customer may now receive only \(headroom.available.value)"
        }
        return nil
    }
}
