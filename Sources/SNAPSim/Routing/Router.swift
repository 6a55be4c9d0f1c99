import SimHTTP

/// Maps method and path to a ``Route``, built once from the profiles and then only read.
///
/// Several profiles may serve the same path; ``route(method:path:)`` then answers the default profile's
/// route, ``routes(method:path:)`` gives every candidate, and ``route(for:partners:defaultProfile:)`` chooses
/// the one of the calling partner's profile.
public struct Router: Sendable {
    /// One row of the table, for listings.
    public struct Entry: Sendable, Hashable {
        /// The HTTP method.
        public var method: HTTPMethod
        /// The exact path.
        public var path: String
        /// What it means.
        public var route: Route
    }

    /// Keyed by method and path as they are, so a look-up builds no `"METHOD path"` string per request.
    private var table: [Key: [Route]] = [:]

    /// A path is hashed and compared as a `Substring` on both sides (the request's is one), so the stored keys
    /// are the routes' paths as whole-string substrings.
    private struct Key: Hashable {
        var method: String
        var path: Substring
    }
    /// Rows in the order they were added (default profile first).
    public private(set) var entries: [Entry] = []

    /// An empty table: nothing is served.
    public init() {}

    /// The routes of every profile, the default profile's first, the others by name.
    public init(profiles: [Profile], defaultProfile: String) {
        let ordered = profiles.filter { $0.name == defaultProfile }
            + profiles.filter { $0.name != defaultProfile }.sorted { $0.name < $1.name }
        for profile in ordered {
            for route in profile.routes {
                add(route.method, route.path, Route(
                    serviceName: route.service.name, serviceCode: route.service.code, security: route.security,
                    profile: profile.name, dialect: route.dialect))
            }
        }
    }

    private mutating func add(_ method: HTTPMethod, _ path: String, _ route: Route) {
        table[Key(method: method.rawValue, path: path[...]), default: []].append(route)
        entries.append(Entry(method: method, path: path, route: route))
    }

    /// The route for this method and path, or `nil` when no profile serves it.
    public func route(method: HTTPMethod, path: Substring) -> Route? {
        table[Key(method: method.rawValue, path: path)]?.first
    }

    /// Every profile's route for this method and path, the default profile's first.
    public func routes(method: HTTPMethod, path: Substring) -> [Route] {
        table[Key(method: method.rawValue, path: path)] ?? []
    }

    /// Whether any method is served at `path` (to tell "wrong method" from "unknown path").
    public func serves(path: Substring) -> Bool {
        entries.contains { $0.path == path }
    }
}
