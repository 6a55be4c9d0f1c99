import SimJSON

/// Something a partner must be told, drawn up inside the partner's lock (pure, no I/O) and delivered after it is
/// released. `id` comes from the partner's ID stream and `occurredAt` from the simulator clock, so the same run
/// gives the same events.
public struct NotificationEvent: Sendable, Hashable {
    public var id: String
    public var partner: String
    public var kind: NotificationKind
    /// The transaction it is about (partnerReferenceNo, paymentRequestId…), for listings and ad-hoc resends.
    public var transactionRef: String
    /// The kind's ASPI body, every member; the profile keeps those it sends.
    public var fields: JSONObject
    public var occurredAt: SimTime

    public init(id: String, partner: String, kind: NotificationKind, transactionRef: String, fields: JSONObject, occurredAt: SimTime) {
        self.id = id
        self.partner = partner
        self.kind = kind
        self.transactionRef = transactionRef
        self.fields = fields
        self.occurredAt = occurredAt
    }
}

/// The events one partner's requests produced and the simulator has not yet handed to delivery: one field of
/// ``PartnerState``, drained by the simulator right after the partner's lock is released.
public struct NotificationDrafts: Sendable {
    public private(set) var pending: [NotificationEvent] = []
    /// Every event this partner ever drew up, so event ids stay unique and ordered.
    public private(set) var drawn = 0

    public init() {}

    /// Draws up an event of `kind`; the id is `NTF-` with the partner's event count. The partner is stamped
    /// when the simulator takes the events (the state does not know whose it is).
    public mutating func add(_ kind: NotificationKind, transactionRef: String, fields: JSONObject, at time: SimTime) {
        drawn += 1
        pending.append(NotificationEvent(
            id: "NTF-" + String(drawn), partner: "", kind: kind, transactionRef: transactionRef, fields: fields,
            occurredAt: time))
    }

    /// The pending events of `partner`, leaving none.
    public mutating func take(partner: String) -> [NotificationEvent] {
        guard !pending.isEmpty else { return [] }
        defer { pending.removeAll() }
        return pending.map { event in
            var event = event
            event.partner = partner
            return event
        }
    }
}
