import SimJSON

/// Turns an event into a delivery: the partner's endpoint for its kind, the profile's path and members. Pure.
struct NotificationComposer {
    let fixtures: LoadedFixtures
    /// Endpoints set through the admin API, which win over the fixtures'.
    let overrides: [String: NotificationEndpoints]

    /// The notification profile of `partner`: its own profile's, else `snap`'s.
    func profile(of partner: String) -> NotificationProfile? {
        let name = fixtures.partners[partner]?.profile ?? fixtures.engine.defaultProfile
        return fixtures.notifications.profiles[name] ?? fixtures.notifications.profiles["snap"]
    }

    func endpoint(_ partner: String, _ kind: NotificationKind, eventURL: String? = nil) -> String? {
        overrides[partner]?.url(for: kind.rawValue) ?? eventURL
            ?? fixtures.notifications.endpoints[partner]?.url(for: kind.rawValue)
    }

    /// The delivery of `event`, scheduled at its time; `notSent` when the partner has no endpoint for the kind
    /// or its profile does not send the kind.
    func compose(_ event: NotificationEvent, id: String) -> NotificationDelivery {
        let profile = profile(of: event.partner)
        let kind = profile?.kinds[event.kind.rawValue]
        let body = Self.body(event.fields, members: kind?.fields)
        var delivery = NotificationDelivery(
            id: id, event: event, profile: profile?.profile ?? "", url: "", path: kind?.path ?? "",
            body: body.compactBytes, state: .scheduled(at: event.occurredAt))
        guard let profile, let kind else {
            delivery.state = .notSent(reason: "the partner's profile sends no \(event.kind.rawValue) notification (notifications.json)")
            return delivery
        }
        _ = profile
        guard let base = endpoint(event.partner, event.kind, eventURL: event.url) else {
            delivery.state = .notSent(
                reason: "partner \(event.partner) has no endpoint for \(event.kind.rawValue) (notifications.json endpoints, or PUT /_sim/notifications/endpoints)")
            return delivery
        }
        delivery.url = Self.join(base, kind.path)
        delivery.path = Self.path(of: delivery.url)
        return delivery
    }

    /// The members the profile sends, in its order; all of them when it names none.
    static func body(_ fields: JSONObject, members: [String]?) -> JSONValue {
        guard let members else { return .object(fields) }
        return .object(JSONObject(members.compactMap { name in fields[name].map { (name, $0) } }))
    }

    /// `base` with `path` appended, unless `base` already has a path of its own (then it is the full URL).
    static func join(_ base: String, _ path: String) -> String {
        let afterScheme = base.firstRange(of: "://").map { base[$0.upperBound...] } ?? base[...]
        if let slash = afterScheme.firstIndex(of: "/"), afterScheme[slash...] != "/" { return base }
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        return trimmed + path
    }

    /// The path and query of an absolute URL (`/` when it has none).
    static func path(of url: String) -> String {
        let afterScheme = url.firstRange(of: "://").map { url[$0.upperBound...] } ?? url[...]
        return afterScheme.firstIndex { $0 == "/" || $0 == "?" }.map { String(afterScheme[$0...]) } ?? "/"
    }
}
