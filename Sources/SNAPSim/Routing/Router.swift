import SimHTTP

/// Maps method and path to a ``Route``.
///
/// STUB (engine work builds it from profiles): an exact-match table for now.
public struct Router: Sendable {
    private var table: [String: Route] = [:]

    public init(_ routes: [(HTTPMethod, String, Route)] = []) {
        for (method, path, route) in routes { table["\(method.rawValue) \(path)"] = route }
    }

    public func route(method: HTTPMethod, path: Substring) -> Route? {
        table["\(method.rawValue) \(path)"]
    }
}
