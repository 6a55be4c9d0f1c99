/// NICEPAY payouts on the clock: an approved scheduled payout runs at its `reservedDt`/`reservedTm`, a suspect
/// (`08`) gets its bank's answer `resolveAfterSeconds` later, whether or not the partner calls again; the
/// notices of the final statuses go to the outbox at once (``ClockDriven``).
struct PayoutTimeline: ClockDrivenSteps {
    func nextDue(in state: PartnerState) -> SimTime? {
        state.payouts.nextDue
    }

    func runDue(until time: SimTime, state: inout PartnerState, fixtures: LoadedFixtures) {
        state.payouts.advance(to: time, ledger: &state.ledger, merchants: fixtures.payouts.merchants)
    }
}
