/// QR payments the simulated payer left pending (`POST /_sim/payer/qr` with `settleAfterSeconds`): the money has
/// moved but query (51) reports `03` Pending until the instant, when the payment becomes `00` and the
/// `qr-payment` notification (52) is sent — by the clock, whether or not the partner calls again.
struct QRSettlement: ClockDrivenSteps {
    func nextDue(in state: PartnerState) -> SimTime? {
        state.pendingQRPayments.next
    }

    func runDue(until time: SimTime, state: inout PartnerState, fixtures: LoadedFixtures) {
        while let (referenceNo, at) = state.pendingQRPayments.popDue(atOrBefore: time) {
            guard let payment = state.qris.payment(referenceNo: referenceNo), payment.settlesAt == at,
                payment.status(at: at) == .success, let payer = payment.payer
            else { continue }
            let settled = SettledQRPayment(
                partnerReferenceNo: payment.partnerReferenceNo, referenceNo: payment.referenceNo, origin: payment.origin,
                merchantId: payment.merchantId, payer: payer, amount: payment.paid, paidAt: payment.paidAt ?? at)
            state.notifyQRPayment(settled, fixtures: fixtures, at: at)
        }
    }
}

extension PartnerState {
    /// Drafts the `qr-payment` notification (52) of a settled payment, with its merchant's name and store.
    mutating func notifyQRPayment(_ settled: SettledQRPayment, fixtures: LoadedFixtures, at time: SimTime) {
        let payment = qris.payment(referenceNo: settled.referenceNo)
        notifications.qrPaymentSettled(
            settled, merchantName: fixtures.merchants[settled.merchantId]?.name ?? "", storeId: payment?.storeId,
            createdAt: payment?.createdAt ?? settled.paidAt, at: time)
    }

    /// Leaves a just-paid QR payment pending until `time` (``QRSettlement``).
    mutating func holdQRSettlement(_ settled: SettledQRPayment, until time: SimTime) {
        guard var payment = qris.payment(referenceNo: settled.referenceNo) else { return }
        payment.settlesAt = time
        qris.save(payment)
        pendingQRPayments.schedule(settled.referenceNo, at: time)
    }
}
