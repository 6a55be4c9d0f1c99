#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed socket operation while setting up the server. Per-connection I/O failures never surface: they
/// close that connection and nothing else.
public enum SocketError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A system call failed.
    case failed(call: String, errno: Int32, message: String)
    /// The host name or address could not be resolved.
    case addressResolution(host: String, message: String)

    /// Captures `errno` and its text right after `call` failed.
    static func makeFailed(_ call: String) -> SocketError {
        let code = errno
        return .failed(call: call, errno: code, message: String(cString: strerror(code)))
    }

    /// The text of an `errno` value, with the number.
    static func describe(_ code: Int32) -> String {
        "\(String(cString: strerror(code))) (errno \(code))"
    }

    public var description: String {
        switch self {
        case .failed(let call, let code, let message): "\(call) failed: \(message) (errno \(code))"
        case .addressResolution(let host, let message): "cannot resolve \(host): \(message)"
        }
    }
}

/// A misuse of ``HTTPServer``.
public enum HTTPServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A configuration value is out of range; the text names it.
    case invalidConfiguration(String)
    /// ``HTTPServer/start()`` was called twice, or after shutdown.
    case alreadyStarted

    public var description: String {
        switch self {
        case .invalidConfiguration(let reason): "invalid server configuration: \(reason)"
        case .alreadyStarted: "the server was already started"
        }
    }
}
