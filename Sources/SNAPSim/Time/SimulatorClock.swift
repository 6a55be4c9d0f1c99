import Foundation
import Synchronization

/// The simulator's sense of now, injected everywhere a time is read.
///
/// `real` follows the wall clock (plus any offset the user added); `fixed` starts at a given instant and
/// moves only when told, which is what makes transcripts byte-identical across runs.
public final class SimulatorClock: Sendable {
    public enum Mode: Sendable, Equatable, Codable {
        /// Wall-clock time shifted by an offset that `advance` grows.
        case real
        /// Frozen time that moves only through `advance` and `set`.
        case fixed
    }

    /// Everything the clock holds, for the durable state (`serve --state`).
    public struct State: Sendable, Equatable, Codable {
        public var mode: Mode
        public var start: SimTime
        var fixedNow: SimTime
        var realOffset: Duration
    }

    private let state: Mutex<State>
    /// The mode the clock was made with, which a full reset returns to (``set(_:mode:)`` may have changed it).
    private let initialMode: Mode
    /// Called after every `advance`, `set` and `reset`, outside the clock's lock: how the simulator runs the steps
    /// that fall due when time is moved (``ClockDrivenSteps``).
    private let observers = Mutex<[@Sendable () -> Void]>([])

    /// What the clock holds now: saved by the durable state after every change to it.
    public var savedState: State { state.withLock { $0 } }

    /// Puts back a saved state (a restart's last word on the clock).
    public func restore(_ saved: State) {
        state.withLock { $0 = saved }
    }

    /// Freezes the clock at `time`: replaying a change as of the instant it was first made.
    func pin(at time: SimTime) {
        state.withLock { state in
            state.mode = .fixed
            state.fixedNow = time
        }
    }

    /// A wall clock.
    public static func real() -> SimulatorClock {
        SimulatorClock(mode: .real, start: SimTime(millisecondsSince1970: 0))
    }

    /// A clock frozen at `start`.
    public static func fixed(at start: SimTime) -> SimulatorClock {
        SimulatorClock(mode: .fixed, start: start)
    }

    private init(mode: Mode, start: SimTime) {
        state = Mutex(State(mode: mode, start: start, fixedNow: start, realOffset: .zero))
        initialMode = mode
    }

    public var mode: Mode { state.withLock { $0.mode } }

    public func now() -> SimTime {
        state.withLock { state in
            switch state.mode {
            case .fixed: state.fixedNow
            case .real: Self.wallClock() + state.realOffset
            }
        }
    }

    /// Moves time forward (or back, for a negative duration).
    public func advance(by duration: Duration) {
        state.withLock { state in
            switch state.mode {
            case .fixed: state.fixedNow = state.fixedNow + duration
            case .real: state.realOffset += duration
            }
        }
        moved()
    }

    /// Jumps to `time`.
    public func set(_ time: SimTime) {
        state.withLock { state in
            switch state.mode {
            case .fixed: state.fixedNow = time
            case .real: state.realOffset = time - Self.wallClock()
            }
        }
        moved()
    }

    /// Jumps to `time` and from then on runs as `mode` says: frozen there (`fixed`), or running on from there
    /// with the wall clock (`real`). What a test runner uses to give each scenario the fixed start it has
    /// in-process, and to hand a running clock back afterwards.
    public func set(_ time: SimTime, mode: Mode) {
        state.withLock { state in
            state.mode = mode
            state.fixedNow = time
            state.realOffset = time - Self.wallClock()
        }
        moved()
    }

    /// Returns to where the clock started, in the mode it was made with: the start instant when fixed, the wall
    /// clock when real.
    public func reset() {
        state.withLock { state in
            state.mode = initialMode
            state.fixedNow = state.start
            state.realOffset = .zero
        }
        moved()
    }

    /// Calls `observer` after every move of the clock (`advance`, `set`, `reset`), on the mover's thread, with no
    /// lock of the clock held. It must not move the clock itself.
    public func whenMoved(_ observer: @escaping @Sendable () -> Void) {
        observers.withLock { $0.append(observer) }
    }

    private func moved() {
        for observer in observers.withLock({ $0 }) { observer() }
    }

    private static func wallClock() -> SimTime {
        SimTime(millisecondsSince1970: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }
}
