import Foundation

/// How much a logged event matters.
public enum HTTPServerLogLevel: String, Sendable, Comparable {
    /// The server carries on, somewhat degraded (for example it pauses accepting for a moment).
    case warning
    /// Something failed that no client can be told about: a loop that could not start, a poller call that
    /// failed, a connection dropped because of it.
    case error

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs == .warning && rhs == .error }
}

/// Where ``HTTPServer`` reports failures it cannot answer with a status code. Called on loop threads, so
/// an implementation must be thread-safe and quick.
public protocol HTTPServerLogger: Sendable {
    func log(_ level: HTTPServerLogLevel, _ message: String)
}

/// The default logger: one line per event on standard error, prefixed `SimServer:`.
public struct StandardErrorLogger: HTTPServerLogger {
    public init() {}

    public func log(_ level: HTTPServerLogLevel, _ message: String) {
        FileHandle.standardError.write(Data("SimServer \(level.rawValue): \(message)\n".utf8))
    }
}
