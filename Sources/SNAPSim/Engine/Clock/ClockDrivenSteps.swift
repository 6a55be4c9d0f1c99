/// A family of steps that happen by themselves when simulator time passes: a scheduled payout reaching its time,
/// a suspect payout's late answer, a pending top-up settling. Each family keeps a ``DueSchedule`` in the
/// partner's state; the engine asks every family for its next due instant and runs the earliest step first,
/// under the partner's lock, before any request of that partner and whenever the clock moves (``ClockDriven``).
///
/// A family drafts its notifications into `state.notifications` as its flows do; the engine hands them to the
/// outbox once the lock is released.
protocol ClockDrivenSteps: Sendable {
    /// The earliest instant one of this family's steps is due for this partner; `nil` when none waits.
    func nextDue(in state: PartnerState) -> SimTime?

    /// Runs this family's steps due at or before `time`, each at the instant it was due, earliest first.
    func runDue(until time: SimTime, state: inout PartnerState, fixtures: LoadedFixtures)
}

/// The registered families and the engine's step loop.
enum ClockDriven {
    /// Every family, in registration order: the tie-break when two families are due at the same instant. Append a
    /// family here to put its records on the clock.
    static let families: [any ClockDrivenSteps] = [
        PayoutTimeline(),
        PendingTopUpSettlement(),
        QRSettlement(),
    ]

    /// The partner's earliest due instant over all families.
    static func nextDue(in state: PartnerState) -> SimTime? {
        var earliest: SimTime?
        for family in families {
            if let due = family.nextDue(in: state), earliest.map({ due < $0 }) ?? true { earliest = due }
        }
        return earliest
    }

    /// Runs every step due at or before `time`, across families in time order (ties: registration order), so the
    /// partner's state is what it would be had each step run at its own instant.
    static func run(until time: SimTime, state: inout PartnerState, fixtures: LoadedFixtures) {
        // Each round runs at least one step; the bound only guards against a family that never makes progress.
        for _ in 0..<100_000 {
            var chosen: (family: any ClockDrivenSteps, due: SimTime)?
            for family in families {
                if let due = family.nextDue(in: state), due <= time, chosen.map({ due < $0.due }) ?? true {
                    chosen = (family, due)
                }
            }
            guard let chosen else { return }
            chosen.family.runDue(until: chosen.due, state: &state, fixtures: fixtures)
        }
    }
}
