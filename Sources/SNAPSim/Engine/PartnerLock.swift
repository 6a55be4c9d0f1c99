import Synchronization

/// One partner's state behind its lock. With durable state on, the first time a request takes the lock its
/// record is appended to the log while the lock is still held, so the log orders the partner's requests
/// exactly as they were served (see ``StateLog``).
final class PartnerLock: Sendable {
    private let mutex: BargingLock<PartnerState>
    /// Counts the changes made through ``withLock`` (read and written under the lock), so a snapshot can reuse
    /// the document of a state that did not change since the last one.
    private let changes = Atomic<UInt64>(0)

    init(_ state: PartnerState) {
        mutex = BargingLock(state)
    }

    /// Runs `body` on the state under the lock; the way every change to a partner's state is made.
    func withLock<R, E: Error>(_ body: (inout PartnerState) throws(E) -> R) throws(E) -> R {
        try mutex.withLock { state throws(E) -> R in
            defer { RequestCapture.current?.appendOnce(state) }
            changes.add(1, ordering: .relaxed)
            return try body(&state)
        }
    }

    /// Reads the state under the lock without counting as the request's change: for searches across partners
    /// (which partner holds this token?), so a request's record is appended under the lock of the partner it
    /// is served for.
    func peek<R: Sendable>(_ body: (PartnerState) -> R) -> R {
        mutex.withLock { state in body(state) }
    }

    /// The state and its change count, read together under the lock (for a snapshot).
    func versioned() -> (state: PartnerState, version: UInt64) {
        mutex.withLock { state in (state, changes.load(ordering: .relaxed)) }
    }
}
