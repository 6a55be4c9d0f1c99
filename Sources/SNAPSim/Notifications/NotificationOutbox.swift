import Dispatch
import Foundation
import SimHTTPClient
import Synchronization

/// Delivers notifications off every lock and event loop: a bounded queue served by a few delivery threads.
///
/// The simulator hands events over after the partner's lock is released (``enqueue(_:fixtures:)``); a worker
/// takes a due delivery under the outbox's own short lock, sends it with no lock held, then records the attempt.
/// At most one attempt per partner is on the wire at a time, so a partner whose endpoint hangs holds one worker
/// until its deadline and never delays another partner's deliveries. Retries wait on the simulator clock: a frozen
/// clock retries when advanced.
public final class NotificationOutbox: Sendable {
    /// Most deliveries scheduled at once (all partners); more are recorded as not sent.
    public let capacity: Int
    /// Most deliveries kept for listing; the oldest finished ones go first.
    public let logLimit: Int
    let clock: SimulatorClock
    let client: HTTPClient
    let workerCount: Int
    let state: Mutex<OutboxState>
    /// Told of every attempt once it is recorded, outside the outbox's lock (the simulator journals it).
    let attemptObserver = Mutex<(@Sendable (NotificationDelivery, NotificationAttempt) -> Void)?>(nil)
    private let wake = DispatchSemaphore(value: 0)

    public init(
        clock: SimulatorClock, capacity: Int = 10_000, logLimit: Int = 10_000, workers: Int = 4,
        deadlines: HTTPClient.Deadlines = HTTPClient.Deadlines(connect: .seconds(2), write: .seconds(5), read: .seconds(10))
    ) {
        self.clock = clock
        self.capacity = capacity
        self.logLimit = logLimit
        self.workerCount = workers
        self.client = HTTPClient(deadlines: deadlines)
        state = Mutex(OutboxState())
    }

    /// Schedules `events` (already drawn up under their partner's lock), applying the partners' pending faults.
    public func enqueue(_ events: [NotificationEvent], fixtures: LoadedFixtures) {
        guard !events.isEmpty else { return }
        let start = state.withLock { state -> Int in
            state.world = fixtures
            for event in events { state.schedule(event, capacity: capacity, logLimit: logLimit) }
            return state.workersToStart(max: workerCount)
        }
        startWorkers(start)
    }

    /// Sends delivery `id` again as a new delivery (`id-rN`), now; `nil` when there is no such delivery.
    public func redeliver(_ id: String) -> NotificationDelivery? {
        let (copy, start) = state.withLock { state -> (NotificationDelivery?, Int) in
            guard let original = state.deliveries[id] else { return (nil, 0) }
            state.redeliveries[id, default: 0] += 1
            var copy = original
            copy.id = "\(id)-r\(state.redeliveries[id]!)"
            copy.attempts = []
            copy.state = .scheduled(at: clock.now())
            if copy.url.isEmpty {
                copy.state = .notSent(reason: "the original had no endpoint either")
            }
            state.insert(copy, capacity: capacity, logLimit: logLimit)
            return (state.deliveries[copy.id], state.workersToStart(max: workerCount))
        }
        startWorkers(start)
        return copy
    }

    /// Deliveries, oldest first, of one partner or all.
    public func deliveries(partner: String? = nil) -> [NotificationDelivery] {
        state.withLock { state in
            state.order.compactMap { state.deliveries[$0] }.filter { partner == nil || $0.event.partner == partner }
        }
    }

    public func delivery(_ id: String) -> NotificationDelivery? {
        state.withLock { $0.deliveries[id] }
    }

    /// Sets (or with `nil` clears) where a partner receives, over the fixtures' endpoints.
    public func setEndpoints(_ endpoints: NotificationEndpoints?, partner: String) {
        state.withLock { $0.overrides[partner] = endpoints }
    }

    public func endpoints(partner: String) -> NotificationEndpoints? {
        state.withLock { $0.overrides[partner] }
    }

    /// Adds a fault to a partner's next notifications.
    public func force(_ fault: NotificationFault, partner: String) {
        state.withLock { $0.faults[partner, default: []].append(fault) }
    }

    public func clearFaults(partner: String) {
        state.withLock { $0.faults[partner] = nil }
    }

    /// The faults still waiting for a partner's notifications.
    public func faults(partner: String) -> [NotificationFault] {
        state.withLock { $0.faults[partner] ?? [] }
    }

    /// Forgets one partner's deliveries, endpoints and faults, or everyone's.
    public func reset(partner: String? = nil) {
        state.withLock { $0.reset(partner: partner) }
    }

    /// Lets the workers finish: they leave once nothing is due.
    public func stop() {
        state.withLock { $0.stopped = true }
        for _ in 0..<workerCount { wake.signal() }
    }

    private func startWorkers(_ count: Int) {
        for _ in 0..<count {
            let thread = Thread { [self] in self.work() }
            thread.name = "snapsim-notify"
            thread.start()
        }
        wake.signal()
    }

    /// A worker: take a due delivery, send it, record it; wait a little when nothing is due; leave when nothing
    /// is scheduled at all (the next enqueue starts workers again).
    private func work() {
        while true {
            let next = state.withLock { state -> OutboxState.Job?? in
                if let job = state.takeDue(at: clock.now()) { return .some(job) }
                if state.stopped || !state.hasScheduled {
                    state.runningWorkers -= 1
                    return .none
                }
                return .some(nil)
            }
            switch next {
            case .none: return
            case .some(.none): _ = wake.wait(timeout: .now() + .milliseconds(20))
            case .some(.some(let job)):
                let outcome = attempt(job)
                state.withLock { $0.record(outcome, for: job, at: clock.now()) }
                attemptObserver.withLock { $0 }?(job.delivery, outcome.attempt)
            }
        }
    }
}

/// What a snapshot of the durable state keeps of the outbox: endpoint overrides and faults (not deliveries).
extension NotificationOutbox {
    var settings: NotificationOverrides {
        state.withLock { NotificationOverrides(endpoints: $0.overrides, faults: $0.faults) }
    }

    func restore(_ settings: NotificationOverrides) {
        state.withLock {
            $0.overrides = settings.endpoints
            $0.faults = settings.faults
        }
    }
}

/// Endpoint overrides and notification faults set through the admin API, by partner.
struct NotificationOverrides: Codable, Sendable {
    var endpoints: [String: NotificationEndpoints]
    var faults: [String: [NotificationFault]]
}
