import SNAPSim

/// The target's clock as a run found it, so the runner can hand it back: each scenario fixes the clock at its
/// start, as in-process, but a shared `snapsim serve` running on the wall clock should run on it again after.
struct FoundClock: Sendable {
    var now: SimTime
    var fixed: Bool
    /// When it was read, to let a running clock's time go on while the run lasted.
    var readAt: ContinuousClock.Instant
}

extension HTTPTargetTransport {
    /// The target's clock before the run touches it; `nil` without an admin token (the runner never moves it
    /// then) or when the target has no clock to read (the scenarios' set-up will say so).
    func clockAsFound() async -> FoundClock? {
        guard adminToken != nil, let read = try? await readClock() else { return nil }
        return FoundClock(now: read.now, fixed: read.fixed, readAt: .now)
    }

    /// Puts the clock back as the run found it: a fixed clock at the same instant, a running one at the time it
    /// would show had nobody moved it. Best effort: the results are in by then.
    func restoreClock(_ found: FoundClock) async {
        let time = found.fixed ? found.now : found.now + (ContinuousClock.now - found.readAt)
        _ = try? await setClock(to: time, fixed: found.fixed)
    }
}
