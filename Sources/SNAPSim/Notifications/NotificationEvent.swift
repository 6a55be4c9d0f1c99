import SimJSON

/// Something a partner must be told, drawn up inside the partner's lock (pure, no I/O) and delivered after it is
/// released. `id` comes from the partner's ID stream and `occurredAt` from the simulator clock, so the same run
/// gives the same events.
public struct NotificationEvent: Codable, Sendable, Hashable {
    public var id: String
    public var partner: String
    public var kind: NotificationKind
    /// The transaction it is about (partnerReferenceNo, paymentRequestId…), for listings and ad-hoc resends.
    public var transactionRef: String
    /// The kind's ASPI body, every member; the profile keeps those it sends.
    public var fields: JSONObject
    public var occurredAt: SimTime
    /// Where the transaction itself said to notify (a payout merchant's notifyUrl, a SmilePayz order's
    /// callbackUrl); an endpoint set through the admin API still wins, the fixtures' endpoints come after.
    public var url: String?
    /// The notifications key to sign with instead of the profile's (a NICEPAY merchant's own notification key).
    public var keyName: String?

    public init(
        id: String, partner: String, kind: NotificationKind, transactionRef: String, fields: JSONObject,
        occurredAt: SimTime, url: String? = nil, keyName: String? = nil
    ) {
        self.url = url
        self.keyName = keyName
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
public struct NotificationDrafts: Codable, Sendable {
    public private(set) var pending: [NotificationEvent] = []
    /// Every event this partner ever drew up, so event ids stay unique and ordered.
    public private(set) var drawn = 0

    public init() {}

    /// Draws up an event of `kind`; the id is `NTF-` with the partner's event count. The partner is stamped
    /// when the simulator takes the events (the state does not know whose it is).
    public mutating func add(
        _ kind: NotificationKind, transactionRef: String, fields: JSONObject, at time: SimTime, url: String? = nil,
        keyName: String? = nil
    ) {
        drawn += 1
        pending.append(NotificationEvent(
            id: "NTF-" + String(drawn), partner: "", kind: kind, transactionRef: transactionRef, fields: fields,
            occurredAt: time, url: url, keyName: keyName))
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
