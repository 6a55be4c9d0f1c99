import Synchronization

/// Each partner's earliest due instant (``ClockDriven``), so that when time moves the engine visits only the
/// partners something waits for, never the idle ones.
final class DueIndex: Sendable {
    private let instants = Mutex<[String: Int64]>([:])

    /// Sets (or with `nil` clears) `clientId`'s earliest due instant.
    func set(_ clientId: String, _ due: SimTime?) {
        instants.withLock { $0[clientId] = due?.millisecondsSince1970 }
    }

    /// The partners with something due at or before `time`, earliest first, ties by client id (deterministic).
    func partners(dueBy time: SimTime) -> [String] {
        let limit = time.millisecondsSince1970
        return instants.withLock { instants in
            instants.filter { $0.value <= limit }.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map(\.key)
        }
    }

    /// The earliest due instant of any partner.
    var earliest: SimTime? {
        instants.withLock { $0.values.min() }.map(SimTime.init(millisecondsSince1970:))
    }
}

extension PartnerSlots {
    /// Under `slot`'s lock: tells the index the partner's earliest due instant, touching the index only when it
    /// changed (most requests schedule nothing). Returns whether something is now due at some instant.
    @discardableResult
    func publishDue(_ slot: Slot, _ state: PartnerState) -> Bool {
        let due = ClockDriven.nextDue(in: state)
        let encoded = due?.millisecondsSince1970 ?? .max
        guard slot.publishedDue.load(ordering: .relaxed) != encoded else { return false }
        slot.publishedDue.store(encoded, ordering: .relaxed)
        dueIndex.set(slot.clientId, due)
        return due != nil
    }
}
