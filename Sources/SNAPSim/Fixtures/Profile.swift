import SimHTTP
import SimJSON

/// A provider dialect: which method and path mean which service, and what the provider does differently
/// (signing mode, headers, timestamp forms, answers).
///
/// Settings at the profile level apply to every route; a route may add its own (see ``ProfileRoute``). Both
/// end up in each route's ``RouteDialect``, which is what the pipeline and the services read.
public struct Profile: Sendable, Hashable {
    /// Unique name; partners' `profile` refers to it.
    public var name: String
    /// Free text for listings.
    public var description: String?
    /// The services it serves, in file order, each with its dialect.
    public var routes: [ProfileRoute]
    /// The profile-wide dialect, before route settings are added.
    public var dialect: RouteDialect

    /// A profile of these routes.
    public init(name: String, description: String? = nil, routes: [ProfileRoute], dialect: RouteDialect = RouteDialect()) {
        self.name = name
        self.description = description
        self.routes = routes
        self.dialect = dialect
    }

    static let fields = ["name", "description", "services"] + RouteDialect.profileFields

    static func read(_ node: FixtureNode, _ problems: inout FixtureProblems) -> Profile? {
        guard node.expectObject(allowed: fields, &problems) else { return nil }
        let name = node.string("name", required: true, &problems)
        let description = node.string("description", required: false, &problems)
        let dialect = RouteDialect.readProfileSettings(node, &problems)
        var routes: [ProfileRoute] = []
        var seen: [String: JSONPointer] = [:]
        for routeNode in node.array("services", required: true, &problems) ?? [] {
            guard let route = ProfileRoute.read(routeNode, profileDialect: dialect, &problems) else { continue }
            let key = "\(route.method.rawValue) \(route.path)"
            if let first = seen[key] {
                problems.add(routeNode, "\(key) is already served by this profile (at \(first))")
                continue
            }
            seen[key] = routeNode.pointer
            routes.append(route)
        }
        guard let name else { return nil }
        return Profile(name: name, description: description, routes: routes, dialect: dialect)
    }
}

/// One service of a profile: method, path, security and the route's dialect.
public struct ProfileRoute: Sendable, Hashable {
    /// The service the route means.
    public var service: ServiceDescriptor
    /// The HTTP method.
    public var method: HTTPMethod
    /// The exact path, without query string, e.g. `/v1.0/emoney/account-inquiry`.
    public var path: String
    /// The checks run before the service.
    public var security: RouteSecurity
    /// The profile's dialect with this route's settings added.
    public var dialect: RouteDialect

    /// A route; `security` defaults to the service's.
    public init(
        service: ServiceDescriptor, method: HTTPMethod, path: String, security: RouteSecurity? = nil,
        dialect: RouteDialect = RouteDialect()
    ) {
        self.service = service
        self.method = method
        self.path = path
        self.security = security ?? service.security
        self.dialect = dialect
    }

    static let methods = ["GET", "POST", "PUT", "DELETE", "PATCH"]
    static let fields = ["service", "method", "path", "security"] + RouteDialect.routeFields

    static func read(_ node: FixtureNode, profileDialect: RouteDialect, _ problems: inout FixtureProblems) -> ProfileRoute? {
        guard node.expectObject(allowed: fields, &problems) else { return nil }
        let serviceName = node.string("service", required: true, &problems)
        let method = node.choice("method", required: true, of: methods, &problems)
        let path = node.string("path", required: true, &problems)
        let security = node.choice(
            "security", required: false, of: [RouteSecurity.accessToken, .transaction, .bearer, .e2pay].map(\.rawValue),
            &problems)
        var dialect = profileDialect
        dialect.readRouteSettings(node, &problems)
        var service: ServiceDescriptor?
        if let serviceName {
            service = ServiceDescriptor.named(serviceName)
            if service == nil {
                problems.add(node["service"] ?? node, "unknown service \"\(serviceName)\" (known: \(ServiceDescriptor.knownNames))")
            }
        }
        if let path, !path.hasPrefix("/") || path.contains("?") || path.contains(where: { $0 == " " || $0 == "#" }) {
            problems.add(node["path"] ?? node, "\"\(path)\" is not a path: start with / and leave out query and fragment")
            return nil
        }
        guard let service, let method, let path else { return nil }
        return ProfileRoute(
            service: service, method: HTTPMethod(rawValue: method), path: path,
            security: security.flatMap(RouteSecurity.init(rawValue:)), dialect: dialect)
    }
}
