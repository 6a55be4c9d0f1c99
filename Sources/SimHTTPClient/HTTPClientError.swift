/// Why an outbound HTTP exchange produced no complete response. Each case names what the caller can act on.
public enum HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL could not be read as `http://host[:port][/path]`.
    case invalidURL(String)
    /// The request cannot be written as HTTP/1.1: a method, target or header holds a line break, or a header
    /// name is empty. Nothing was sent.
    case invalidRequest(String)
    /// Only plain `http` is spoken; the scheme given is named.
    case unsupportedScheme(String)
    /// The host name did not resolve.
    case addressResolution(host: String, message: String)
    /// Nothing listens at the address (ECONNREFUSED).
    case connectionRefused(host: String, port: Int)
    /// The connection was not established within the connect deadline.
    case connectTimeout(host: String, port: Int, after: Duration)
    /// The request was not fully written within the write deadline.
    case writeTimeout(after: Duration)
    /// The complete response did not arrive within the read deadline; `received` bytes had come.
    case readTimeout(after: Duration, received: Int)
    /// The peer reset the connection (ECONNRESET or EPIPE).
    case connectionReset(received: Int)
    /// The peer closed the connection before the response was complete.
    case closedEarly(received: Int)
    /// The bytes received are not an HTTP/1.x response; the text says where.
    case malformedResponse(String)
    /// The response head or body exceeds the configured limit.
    case responseTooLarge(limit: Int)
    /// Another system call failed.
    case system(call: String, errno: Int32)

    public var description: String {
        switch self {
        case .invalidURL(let url): "not an http URL: \(url)"
        case .invalidRequest(let reason): "invalid request: \(reason)"
        case .unsupportedScheme(let scheme): "unsupported scheme \(scheme)://: only http:// is supported"
        case .addressResolution(let host, let message): "cannot resolve \(host): \(message)"
        case .connectionRefused(let host, let port): "connection refused by \(host):\(port)"
        case .connectTimeout(let host, let port, let after): "could not connect to \(host):\(port) within \(after)"
        case .writeTimeout(let after): "the request could not be sent within \(after)"
        case .readTimeout(let after, let received):
            "no complete response within \(after) (\(received) bytes received)"
        case .connectionReset(let received): "the connection was reset by the peer (\(received) bytes received)"
        case .closedEarly(let received):
            "the peer closed the connection before the response was complete (\(received) bytes received)"
        case .malformedResponse(let reason): "malformed HTTP response: \(reason)"
        case .responseTooLarge(let limit): "the response exceeds the \(limit)-byte limit"
        case .system(let call, let code): "\(call) failed (errno \(code))"
        }
    }
}
