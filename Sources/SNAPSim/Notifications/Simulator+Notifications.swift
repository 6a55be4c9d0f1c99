import Synchronization

/// Handing notifications drawn up outside a request (the admin API's payer, ad-hoc sends) to delivery.
extension Simulator {
    /// Takes `partner`'s pending notifications under the lock and enqueues them after it is released.
    func sendNotifications(of partner: String) {
        let slots = self.slots
        // Never creates a partner's state: one that has none has drawn up nothing.
        let events = slots.existing(partner)?.state.withLock { state -> [NotificationEvent] in
            state.notifications.payoutsFinished(state.payouts.takeNotices())  // issue 19
            return state.notifications.take(partner: partner)
        } ?? []
        guard !events.isEmpty else { return }
        let fixtures = slots.world.fixtures
        notifications.enqueue(events, fixtures: fixtures)
    }
}
