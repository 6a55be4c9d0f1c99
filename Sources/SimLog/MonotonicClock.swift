#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `CLOCK_MONOTONIC` in nanoseconds, and the deadlines of the log writer's timed waits on its condition variable
/// (a `pthread_cond_t` measures its deadlines by this clock, see ``DurableLog``'s initialiser).
enum MonotonicClock {
    static func now() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int(now.tv_sec) * 1_000_000_000 + Int(now.tv_nsec)
    }

    /// The deadline `nanoseconds` from now.
    static func deadline(after nanoseconds: Int) -> timespec {
        deadline(at: now() + nanoseconds)
    }

    /// The deadline at monotonic instant `nanoseconds`.
    static func deadline(at nanoseconds: Int) -> timespec {
        timespec(tv_sec: nanoseconds / 1_000_000_000, tv_nsec: nanoseconds % 1_000_000_000)
    }
}
