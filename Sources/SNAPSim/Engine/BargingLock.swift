#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value behind a plain `pthread_mutex_t`: when the lock is released, whichever thread asks next may take it.
///
/// `Synchronization.Mutex` on Linux is a priority-inheritance futex: releasing it with a waiter hands the lock
/// to that waiter, which may not run for a while on a busy machine; the thread that released it, asking again a
/// few microseconds later for its next request, then waits for the woken one to run, take and release it.
/// The locks every request takes (its partner's state, the journal) form convoys that way. glibc's default
/// mutex wakes a waiter but lets the running thread take the lock if it comes first.
final class BargingLock<Value: Sendable>: @unchecked Sendable {  // the value is only reached under `mutex`
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with the value under the lock.
    @inline(__always)
    func withLock<R, E: Error>(_ body: (inout Value) throws(E) -> R) throws(E) -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
