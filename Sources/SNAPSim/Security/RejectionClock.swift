import Dispatch
import SimHTTP
import Synchronization

/// The monotonic clock a ``RejectionBudget`` fills by, and how an answer past the budget waits for it.
///
/// Injected, like the simulator's own clock: the server uses ``SystemRejectionClock`` (the answer leaves on the
/// event loop's timer), tests use ``ManualRejectionClock`` (the answer leaves when the test moves the clock), so
/// no test sleeps or measures time.
public protocol RejectionClock: Sendable {
    /// Nanoseconds since an arbitrary origin; never goes back.
    func nanoseconds() -> UInt64
    /// Makes `reply` leave no earlier than `deadline` (this clock's nanoseconds), holding no thread meanwhile.
    func hold(_ reply: inout HTTPReply, until deadline: UInt64)
}

/// The system's monotonic clock; an answer past the budget gets the rest of the wait added to its
/// ``HTTPReply/delay``, which the server's timer carries out (after any gate, such as its record's fsync).
public struct SystemRejectionClock: RejectionClock {
    public init() {}

    public func nanoseconds() -> UInt64 {
        DispatchTime.now().uptimeNanoseconds
    }

    public func hold(_ reply: inout HTTPReply, until deadline: UInt64) {
        let now = nanoseconds()
        guard deadline > now else { return }
        reply.delay += .nanoseconds(Int64(deadline - now))
    }
}

/// A clock that moves only when told (``advance(by:)``): an answer past the budget waits behind a ``ReplyGate``
/// that opens once the clock reaches its deadline. For tests.
public final class ManualRejectionClock: RejectionClock {
    private let state = Mutex<(now: UInt64, waiting: [(deadline: UInt64, gate: ReplyGate)])>((1_000_000_000, []))

    public init() {}

    public func nanoseconds() -> UInt64 {
        state.withLock { $0.now }
    }

    /// Answers held until `deadline` (this clock's nanoseconds) that have not left yet.
    public var heldCount: Int {
        state.withLock { $0.waiting.count }
    }

    public func hold(_ reply: inout HTTPReply, until deadline: UInt64) {
        let gate = ReplyGate()
        let due = state.withLock { state -> Bool in
            guard deadline > state.now else { return true }
            state.waiting.append((deadline, gate))
            return false
        }
        if due { return }
        if let earlier = reply.gate {
            // Both must open: the earlier condition first, then this clock's deadline.
            let both = ReplyGate()
            earlier.whenOpen { gate.whenOpen { both.open() } }
            reply.gate = both
        } else {
            reply.gate = gate
        }
    }

    /// Moves the clock on by `duration` and lets every answer whose deadline it reached leave.
    public func advance(by duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds / 1_000_000_000))
        let opened = state.withLock { state -> [ReplyGate] in
            state.now += nanoseconds
            let now = state.now
            let due = state.waiting.filter { $0.deadline <= now }.map(\.gate)
            state.waiting.removeAll { $0.deadline <= now }
            return due
        }
        for gate in opened { gate.open() }
    }
}
