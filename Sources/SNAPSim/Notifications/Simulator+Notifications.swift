/// Handing notifications drawn up outside a request (the admin API's payer, ad-hoc sends) to delivery.
extension Simulator {
    /// Takes `partner`'s pending notifications under the lock and enqueues them after it is released.
    func sendNotifications(of partner: String) {
        let (events, fixtures) = withState { state in
            (state.partners.with(partner) { $0.notifications.take(partner: partner) }, state.fixtures)
        }
        notifications.enqueue(events, fixtures: fixtures)
    }
}
