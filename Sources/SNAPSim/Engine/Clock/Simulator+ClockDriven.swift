import Synchronization

/// Clock-driven steps in the simulator: run before a partner's request, on every move of the clock, and by the
/// ``ClockScheduler`` when a running clock reaches a due instant.
extension Simulator {
    /// Runs every partner's steps due by the clock's now, each under its partner's lock, partners in order of
    /// their earliest due instant (ties by client id); hands their notifications to the outbox after each lock.
    /// Idle partners are never visited (``DueIndex``).
    public func runDueSteps() {
        let slots = self.slots
        let now = clock.now()
        for clientId in slots.dueIndex.partners(dueBy: now) {
            guard let slot = slots.existing(clientId) else { continue }
            let events = slot.state.withLock { state in
                catchUp(until: now, slot, slots, &state)
                return state.notifications.take(partner: clientId)
            }
            if !events.isEmpty { notifications.enqueue(events, fixtures: slots.world.fixtures) }
        }
    }

    /// Under the partner's lock: runs the steps due by `time` and drafts their notices. Costs one atomic load when
    /// nothing is due.
    func catchUp(until time: SimTime, _ slot: PartnerSlots.Slot, _ slots: PartnerSlots, _ state: inout PartnerState) {
        guard slot.publishedDue.load(ordering: .relaxed) <= time.millisecondsSince1970 else { return }
        ClockDriven.run(until: time, state: &state, fixtures: slots.world.fixtures)
        drafted(slot, slots, &state)
    }

    /// Under the partner's lock, after anything that may have scheduled or run a step: drafts the payout notices
    /// and publishes the partner's next due instant, waking the scheduler of a running clock.
    func drafted(_ slot: PartnerSlots.Slot, _ slots: PartnerSlots, _ state: inout PartnerState) {
        state.notifications.payoutsFinished(state.payouts.takeNotices())  // issue 19
        if slots.publishDue(slot, state) { scheduler.wake() }
    }

    /// Registers the hooks: whenever the clock is advanced or set, due steps run before the mover goes on; a
    /// running clock's scheduler runs them when their instant comes.
    func attachClockDrivenSteps() {
        scheduler.attach(ClockScheduler.Hooks(
            earliest: { [weak self] in self?.slots.dueIndex.earliest },
            runDue: { [weak self] in self?.runDueSteps() }))
        clock.whenMoved { [weak self] in self?.runDueSteps() }
    }
}
