import SimHTTP
import SimJSON

/// Notifications in the admin API (docs/notifications.md):
/// - `GET /_sim/keys`: the simulator's public keys, to verify its signatures with.
/// - `GET /_sim/notifications?partner=ID`: deliveries with their attempts; `GET /_sim/notifications/<id>`: one.
/// - `POST /_sim/notifications?partner=ID` `{"kind": "transfer", "transactionRef": "…", "fields": {…}}`: ad hoc.
/// - `POST /_sim/notifications/<id>/redeliver`: sends a delivery again as a new one.
/// - `PUT|GET|DELETE /_sim/notifications/endpoints?partner=ID` `{"default": URL, "kinds": {kind: URL}}`.
/// - `POST|GET|DELETE /_sim/notifications/faults?partner=ID` `{"fault": "bad-signature", "times": 1, "seconds": 30}`.
extension AdminAPI {
    static let keysPath = "/_sim/keys"
    static let notificationsPath = "/_sim/notifications"

    func keys(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        guard request.method == .get else { throw notAllowed(request, allowed: "GET") }
        let settings = simulator.fixtures.notifications
        let profiles = settings.profiles.values.sorted { $0.profile < $1.profile }
        return json(200, [
            "keys": .array(settings.keys.keys.sorted().map { name in
                [
                    "name": .string(name), "algorithm": "SHA256withRSA",
                    "publicKey": .string(settings.keys[name]!.publicKeyPEM),
                    "profiles": .array(profiles.filter { $0.signing.keyName == name }.map { .string($0.profile) }),
                ]
            })
        ])
    }

    func notifications(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        let path = String(request.path)
        let rest = path.dropFirst(Self.notificationsPath.count)
        switch rest {
        case "", "/":
            switch request.method {
            case .get:
                let partner = try partner(request, required: false)
                let kind = request.queryValue("kind")
                let list = simulator.notifications.deliveries(partner: partner).filter { kind == nil || $0.event.kind.rawValue == kind }
                return json(200, ["deliveries": .array(list.map(\.json))])
            case .post: return try adHocNotification(request)
            default: throw notAllowed(request, allowed: "GET, POST")
            }
        case "/endpoints": return try notificationEndpoints(request)
        case "/faults": return try notificationFaults(request)
        default:
            var id = String(rest.dropFirst())
            let redeliver = id.hasSuffix("/redeliver")
            if redeliver { id = String(id.dropLast("/redeliver".count)) }
            id = id.replacing("%2F", with: "/").replacing("%2f", with: "/")
            if redeliver {
                guard request.method == .post else { throw notAllowed(request, allowed: "POST") }
                guard let copy = simulator.notifications.redeliver(id) else { return error(404, "No delivery \"\(id)\".") }
                return json(202, copy.json)
            }
            guard request.method == .get else { throw notAllowed(request, allowed: "GET") }
            guard let delivery = simulator.notifications.delivery(id) else { return error(404, "No delivery \"\(id)\".") }
            return json(200, delivery.json)
        }
    }

    private func adHocNotification(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        let usage = "Send {\"kind\": \"transfer\", \"transactionRef\": \"…\", \"fields\": {…}} with ?partner=ID."
        guard let partner = try partner(request, required: true) else { return error(400, usage) }
        let body = try jsonBody(request, usage: usage).objectValue ?? [:]
        guard let kindName = body["kind"]?.stringValue, let kind = NotificationKind(rawValue: kindName) else {
            return error(400, "kind must be one of \(NotificationKind.allCases.map(\.rawValue).joined(separator: ", ")). \(usage)")
        }
        guard let reference = body["transactionRef"]?.stringValue, !reference.isEmpty else {
            return error(400, "transactionRef is needed. \(usage)")
        }
        let fields = body["fields"]?.objectValue ?? [:]
        let now = simulator.clock.now()
        simulator.withPartner(partner) { state, _ in
            state.notifications.adHoc(kind, transactionRef: reference, fields: fields, at: now)
        }
        let before = Set(simulator.notifications.deliveries(partner: partner).map(\.id))
        simulator.sendNotifications(of: partner)
        let made = simulator.notifications.deliveries(partner: partner).filter { !before.contains($0.id) }
        return json(202, ["deliveries": .array(made.map(\.json))])
    }

    private func notificationEndpoints(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        guard let partner = try partner(request, required: true) else { return error(400, "Name the partner.") }
        switch request.method {
        case .put, .post:
            let body = try jsonBody(request).objectValue ?? [:]
            var endpoints = NotificationEndpoints(defaultURL: body["default"]?.stringValue)
            for (kind, value) in body["kinds"]?.objectValue ?? [:] {
                guard NotificationKind(rawValue: kind) != nil, let url = value.stringValue else {
                    return error(400, "kinds.\(kind): a kind (\(NotificationKind.allCases.map(\.rawValue).joined(separator: ", "))) and an http:// URL")
                }
                endpoints.byKind[kind] = url
            }
            for url in [endpoints.defaultURL].compactMap({ $0 }) + endpoints.byKind.values where !url.hasPrefix("http://") {
                return error(400, "\(url) is not an http:// URL")
            }
            simulator.notifications.setEndpoints(endpoints, partner: partner)
        case .delete:
            simulator.notifications.setEndpoints(nil, partner: partner)
        case .get: break
        default: throw notAllowed(request, allowed: "GET, PUT, DELETE")
        }
        let set = simulator.notifications.endpoints(partner: partner)
            ?? simulator.fixtures.notifications.endpoints[partner] ?? NotificationEndpoints()
        var kinds = JSONObject()
        for kind in set.byKind.keys.sorted() { kinds[kind] = .string(set.byKind[kind]!) }
        return json(200, [
            "partner": .string(partner), "default": set.defaultURL.map(JSONValue.string) ?? .null, "kinds": .object(kinds),
        ])
    }

    private func notificationFaults(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        guard let partner = try partner(request, required: true) else { return error(400, "Name the partner.") }
        switch request.method {
        case .post:
            let body = try jsonBody(request).objectValue ?? [:]
            let names = NotificationFault.Kind.allCases.map(\.rawValue).joined(separator: ", ")
            guard let name = body["fault"]?.stringValue, let kind = NotificationFault.Kind(rawValue: name) else {
                return error(400, "fault must be one of \(names).")
            }
            let times = body["times"]?.intValue ?? 1
            let seconds = body["seconds"]?.intValue ?? 0
            guard times >= 1, seconds >= 0, kind != .delayed || seconds > 0 else {
                return error(400, "times must be at least 1; delayed needs \"seconds\" above 0.")
            }
            simulator.notifications.force(NotificationFault(kind: kind, remaining: times, seconds: seconds), partner: partner)
        case .delete:
            simulator.notifications.clearFaults(partner: partner)
        case .get: break
        default: throw notAllowed(request, allowed: "GET, POST, DELETE")
        }
        return json(200, [
            "partner": .string(partner),
            "faults": .array(simulator.notifications.faults(partner: partner).map { fault in
                ["fault": .string(fault.kind.rawValue), "remaining": .int(fault.remaining), "seconds": .int(fault.seconds)]
            }),
        ])
    }
}
