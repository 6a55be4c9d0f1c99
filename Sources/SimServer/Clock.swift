import Dispatch

/// Monotonic time in nanoseconds, the unit of every deadline in the event loop.
enum MonotonicClock {
    @inline(__always)
    static func now() -> UInt64 {
        DispatchTime.now().uptimeNanoseconds
    }
}

extension Duration {
    /// This duration in whole nanoseconds, clamped to `0...UInt64.max / 2` so deadlines never overflow.
    var clampedNanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0, attoseconds >= 0 || seconds > 0 else { return 0 }
        let limit = UInt64.max / 2
        guard seconds < Int64(limit / 1_000_000_000) else { return limit }
        let nanos = Int64(seconds) * 1_000_000_000 + attoseconds / 1_000_000_000
        return UInt64(max(nanos, 0))
    }
}
