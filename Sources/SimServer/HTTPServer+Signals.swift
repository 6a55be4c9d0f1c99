import Dispatch
import Foundation
import Synchronization

extension HTTPServer {
    /// Makes the given signals (default SIGINT and SIGTERM) start a graceful shutdown instead of killing the
    /// process. The default action of those signals is replaced with `SIG_IGN` and a Dispatch signal source
    /// handles them; a process whose `main` then returns from ``waitUntilStopped()`` exits 0. Returns once the
    /// handlers are armed.
    ///
    /// ```swift
    /// try server.start()
    /// server.stopOnSignals()
    /// server.waitUntilStopped()   // returns after SIGINT/SIGTERM and a graceful drain
    /// ```
    public func stopOnSignals(_ signals: [Int32] = [SIGINT, SIGTERM]) {
        let armed = DispatchGroup()
        signalSources.withLock { sources in
            for number in signals {
                // Dispatch sees a signal only if its default action (termination) is disabled.
                signal(number, SIG_IGN)
                // A private serial queue, not .global(): its thread is never withheld because other work on the
                // shared pool is blocked.
                let source = DispatchSource.makeSignalSource(signal: number, queue: Self.controlQueue)
                source.setEventHandler { @Sendable [weak self] in self?.beginShutdown() }
                armed.enter()
                source.setRegistrationHandler { @Sendable in armed.leave() }
                source.resume()
                sources.append(source)
            }
        }
        // Dispatch arms a source on another thread; until then the signal is ignored and lost. Return only when
        // a Ctrl-C right after this call is sure to be seen, and say so when it never can be.
        if armed.wait(timeout: .now() + 10) == .timedOut {
            context.logger.log(.error, "signal handling did not start in 10 s; SIGINT and SIGTERM may not stop the server")
        }
    }
}
