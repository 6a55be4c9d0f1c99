/// Handing notifications drawn up outside a request (the admin API's payer, ad-hoc sends) to delivery.
extension Simulator {
    /// Takes `partner`'s pending notifications under the lock and enqueues them after it is released.
    func sendNotifications(of partner: String) {
        let (events, fixtures) = withState { state -> ([NotificationEvent], LoadedFixtures) in
            // Never creates a partner's state: one that has none has drawn up nothing.
            guard state.partners.existing(partner)?.notifications.pending.isEmpty == false else { return ([], state.fixtures) }
            return (state.partners.with(partner) { $0.notifications.take(partner: partner) }, state.fixtures)
        }
        notifications.enqueue(events, fixtures: fixtures)
    }
}
