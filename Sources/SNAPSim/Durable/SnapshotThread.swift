#if canImport(Glibc)
import Glibc
#endif

/// The snapshot thread's scheduling.
enum SnapshotThread {
    /// Lowers the calling thread's priority (nice 10) so that encoding and writing a snapshot take the cores
    /// only when requests leave them idle. Linux keeps the nice value per thread and `who` 0 is the calling
    /// thread, so the server's other threads keep theirs. Called after the cut, which holds the lock every
    /// request needs and so must not wait behind them.
    static func lowerPriority() {
        #if canImport(Glibc)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }
}
