import SimHTTP

/// Maps method and path to a ``Route``.
///
/// STUB (engine work builds it from profiles).
public struct Router: Sendable {
    public init() {}

    public func route(method: HTTPMethod, path: Substring) -> Route? { nil }
}
