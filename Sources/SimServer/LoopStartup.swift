import Dispatch
import Synchronization

/// How ``HTTPServer/start()`` learns that every loop is polling its listener, or which one could not start.
final class LoopStartup: Sendable {
    private let remaining: DispatchSemaphore
    private let count: Int
    private let failure = Mutex<(index: Int, error: SocketError)?>(nil)

    init(count: Int) {
        self.count = count
        remaining = DispatchSemaphore(value: 0)
    }

    /// Called once by each loop thread: with nil just before its first wait, or with the error that stopped it.
    func report(index: Int, _ error: SocketError?) {
        if let error {
            failure.withLock { failure in
                if failure == nil { failure = (index, error) }
            }
        }
        remaining.signal()
    }

    /// Waits until every loop reported; returns the first failure, if any.
    func waitForAll() -> (index: Int, error: SocketError)? {
        for _ in 0..<count { remaining.wait() }
        return failure.withLock { $0 }
    }
}
