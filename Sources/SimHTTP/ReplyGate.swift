import Synchronization

/// A condition a reply must wait for before it leaves, such as "the record of this change is on disk".
///
/// The responder returns at once with the gate in its ``HTTPReply``; whoever makes the condition true calls
/// ``open()`` from any thread. The server parks the connection meanwhile, holding no thread, and carries the
/// reply out once the gate opens (then waits for the reply's ``HTTPReply/delay``, if any).
public final class ReplyGate: Sendable {
    private enum State {
        case closed([@Sendable () -> Void])
        case open
    }

    private let state = Mutex(State.closed([]))

    public init() {}

    /// Opens the gate and runs everything waiting for it, on the calling thread. Opening twice does nothing.
    public func open() {
        let waiting = state.withLock { state -> [@Sendable () -> Void] in
            guard case .closed(let waiting) = state else { return [] }
            state = .open
            return waiting
        }
        for callback in waiting { callback() }
    }

    public var isOpen: Bool {
        state.withLock { if case .open = $0 { true } else { false } }
    }

    /// Runs `callback` once the gate is open: now, on this thread, if it already is.
    public func whenOpen(_ callback: @escaping @Sendable () -> Void) {
        let now = state.withLock { state -> Bool in
            guard case .closed(var waiting) = state else { return true }
            waiting.append(callback)
            state = .closed(waiting)
            return false
        }
        if now { callback() }
    }
}
