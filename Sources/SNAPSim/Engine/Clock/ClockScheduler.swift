import Dispatch
import Foundation
import Synchronization

/// Wakes when a running (`real`) clock reaches the earliest due instant of any partner and runs what is due
/// (``Simulator/runDueSteps()``). A frozen clock needs no thread: it moves only through `advance`/`set`, whose
/// hook runs the steps at once. The thread exists only while something is due and leaves when nothing is.
final class ClockScheduler: Sendable {
    /// What the scheduler asks of the simulator; both capture it weakly.
    struct Hooks: Sendable {
        /// The earliest due instant of any partner, `nil` when nothing waits (or the simulator is gone).
        var earliest: @Sendable () -> SimTime?
        var runDue: @Sendable () -> Void
    }

    /// Longest sleep: how late a step may run at worst if the clock was moved without a wake-up.
    static let longestWait = Duration.seconds(1)

    private struct State {
        var hooks: Hooks?
        var running = false
    }

    private let state = Mutex(State())
    private let alarm = DispatchSemaphore(value: 0)
    private let clock: SimulatorClock

    init(clock: SimulatorClock) {
        self.clock = clock
    }

    func attach(_ hooks: Hooks) {
        state.withLock { $0.hooks = hooks }
    }

    /// Something became due at some instant: make sure a thread waits for it (a running clock only).
    func wake() {
        guard clock.mode == .real else { return }
        let start = state.withLock { state -> Bool in
            guard state.hooks != nil, !state.running else { return false }
            state.running = true
            return true
        }
        if start {
            let thread = Thread { [self] in self.loop() }
            thread.name = "snapsim-clock"
            thread.start()
        } else {
            alarm.signal()
        }
    }

    private func loop() {
        while true {
            // Leaving and deciding to leave are one step under the lock, so a `wake` either sees `running` or
            // starts a new thread.
            let next = state.withLock { state -> SimTime?? in
                guard let hooks = state.hooks, let earliest = hooks.earliest() else {
                    state.running = false
                    return .none
                }
                return .some(earliest)
            }
            guard case .some(.some(let due)) = next else { return }
            let now = clock.now()
            if due <= now {
                state.withLock { $0.hooks }?.runDue()
                continue
            }
            let wait = min(due - now, Self.longestWait)
            _ = alarm.wait(timeout: .now() + .milliseconds(Int(max(1, wait.wholeMilliseconds))))
        }
    }
}
