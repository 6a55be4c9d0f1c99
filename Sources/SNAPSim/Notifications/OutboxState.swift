import SimJSON

/// The outbox's bookkeeping, only ever touched under its lock and never during I/O.
struct OutboxState: Sendable {
    /// What a worker needs to send one attempt, copied out of the lock.
    struct Job: Sendable {
        var delivery: NotificationDelivery
        var world: LoadedFixtures
        var accessToken: String?
    }

    var world = LoadedFixtures()
    var deliveries: [String: NotificationDelivery] = [:]
    /// Delivery ids in insertion order.
    var order: [String] = []
    /// Ids of scheduled deliveries, in insertion order (the order partners receive them in).
    var queue: [String] = []
    var nextSequence = 0
    var overrides: [String: NotificationEndpoints] = [:]
    var faults: [String: [NotificationFault]] = [:]
    /// Partners with an attempt on the wire: one at a time each, so order holds and a hanging endpoint costs
    /// only its own partner.
    var inFlight: Set<String> = []
    /// Symmetric profiles: the token each partner's token endpoint gave.
    var tokens: [String: String] = [:]
    var redeliveries: [String: Int] = [:]
    var runningWorkers = 0
    var stopped = false

    var hasScheduled: Bool { !queue.isEmpty }

    mutating func workersToStart(max: Int) -> Int {
        guard !stopped, hasScheduled else { return 0 }
        let start = Swift.max(0, Swift.min(max, queue.count) - runningWorkers)
        runningWorkers += start
        return start
    }

    /// Composes `event`'s delivery and applies the partner's next fault to it.
    mutating func schedule(_ event: NotificationEvent, capacity: Int, logLimit: Int) {
        let composer = NotificationComposer(fixtures: world, overrides: overrides)
        var delivery = composer.compose(event, id: event.partner + "/" + event.id)
        guard case .scheduled = delivery.state else {
            insert(delivery, capacity: capacity, logLimit: logLimit)
            return
        }
        guard let fault = takeFault(event.partner) else {
            insert(delivery, capacity: capacity, logLimit: logLimit)
            return
        }
        delivery.fault = fault.kind
        switch fault.kind {
        case .dropped:
            delivery.state = .notSent(reason: "dropped by a forced fault (POST /_sim/notifications/faults)")
        case .delayed:
            delivery.state = .scheduled(at: event.occurredAt + .seconds(fault.seconds))
        case .wrongPath:
            delivery.url += delivery.url.hasSuffix("/") ? "wrong-path" : "/wrong-path"
            delivery.path = NotificationComposer.path(of: delivery.url)
        case .badSignature:
            break
        case .duplicate, .outOfOrder:
            insert(delivery, capacity: capacity, logLimit: logLimit)
            var copy = delivery
            if fault.kind == .duplicate {
                copy.id += "-dup"
            } else {
                copy.id += "-late"
                copy.body = Self.pending(delivery.body)
            }
            insert(copy, capacity: capacity, logLimit: logLimit)
            return
        }
        insert(delivery, capacity: capacity, logLimit: logLimit)
    }

    /// The body reporting `03` Pending instead of its final status (the out-of-order fault's late copy).
    static func pending(_ body: [UInt8]) -> [UInt8] {
        guard case .object(var object) = (try? JSONParser.parse(body)) ?? .null else { return body }
        if object["latestTransactionStatus"] != nil { object["latestTransactionStatus"] = "03" }
        if object["transactionStatusDesc"] != nil { object["transactionStatusDesc"] = "Pending" }
        if object["paymentFlagStatus"] != nil { object["paymentFlagStatus"] = "03" }
        return JSONValue.object(object).compactBytes
    }

    private mutating func takeFault(_ partner: String) -> NotificationFault? {
        guard var list = faults[partner], !list.isEmpty else { return nil }
        var fault = list[0]
        fault.remaining -= 1
        if fault.remaining <= 0 { list.removeFirst() } else { list[0] = fault }
        faults[partner] = list.isEmpty ? nil : list
        return fault
    }

    /// Adds a delivery to the log (and the queue when scheduled); a full queue turns it into a not-sent record.
    mutating func insert(_ delivery: NotificationDelivery, capacity: Int, logLimit: Int) {
        var delivery = delivery
        nextSequence += 1
        delivery.sequence = nextSequence
        if case .scheduled = delivery.state {
            if queue.count >= capacity {
                delivery.state = .notSent(
                    reason: "the delivery queue is full (\(capacity) deliveries waiting); this notification was not sent")
            } else {
                queue.append(delivery.id)
            }
        }
        deliveries[delivery.id] = delivery
        order.append(delivery.id)
        trim(logLimit)
    }

    /// Forgets the oldest finished deliveries beyond `limit`.
    private mutating func trim(_ limit: Int) {
        guard order.count > limit else { return }
        var excess = order.count - limit
        order.removeAll { id in
            guard excess > 0, let delivery = deliveries[id] else { return false }
            switch delivery.state {
            case .scheduled, .sending: return false
            default:
                excess -= 1
                deliveries[id] = nil
                return true
            }
        }
    }

    /// The first scheduled delivery that is due and whose partner has nothing on the wire, marked sending.
    mutating func takeDue(at now: SimTime) -> Job? {
        for (index, id) in queue.enumerated() {
            guard var delivery = deliveries[id], case .scheduled(let at) = delivery.state else { continue }
            let partner = delivery.event.partner
            // One attempt per partner on the wire; among due deliveries the queue order decides.
            guard !inFlight.contains(partner), at <= now else { continue }
            queue.remove(at: index)
            delivery.state = .sending
            deliveries[id] = delivery
            inFlight.insert(partner)
            return Job(delivery: delivery, world: world, accessToken: tokens[partner])
        }
        return nil
    }

    /// Records an attempt and decides what follows: delivered, a retry on the profile's schedule, or failed.
    mutating func record(_ outcome: AttemptOutcome, for job: Job, at now: SimTime) {
        let partner = job.delivery.event.partner
        inFlight.remove(partner)
        if let token = outcome.newToken { tokens[partner] = token }
        if outcome.tokenRejected { tokens[partner] = nil }
        // A partner's reset forgets its deliveries even while one is on the wire, and the partner's next events
        // reuse their ids (NTF-1 again): the outcome belongs only to the delivery that was sent, by its sequence.
        guard var delivery = deliveries[job.delivery.id], delivery.sequence == job.delivery.sequence else { return }
        delivery.attempts.append(outcome.attempt)
        let retries = NotificationComposer(fixtures: job.world, overrides: overrides).profile(of: partner)?.retrySeconds ?? []
        if outcome.attempt.succeeded {
            delivery.state = .delivered
        } else if delivery.attempts.count <= retries.count {
            delivery.state = .scheduled(at: now + .seconds(retries[delivery.attempts.count - 1]))
            queue.append(delivery.id)
        } else {
            delivery.state = .failed
        }
        deliveries[delivery.id] = delivery
    }

    mutating func reset(partner: String?) {
        for id in order where partner == nil || deliveries[id]?.event.partner == partner { deliveries[id] = nil }
        order.removeAll { deliveries[$0] == nil }
        queue.removeAll { deliveries[$0] == nil }
        if let partner {
            overrides[partner] = nil
            faults[partner] = nil
            tokens[partner] = nil
        } else {
            overrides.removeAll()
            faults.removeAll()
            tokens.removeAll()
        }
    }
}
