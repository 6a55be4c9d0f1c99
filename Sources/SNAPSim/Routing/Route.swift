import SimHTTP

/// What a method and path mean to the simulator: which SNAP service, and how it is secured.
public struct Route: Sendable, Hashable {
    /// The service's stable name, e.g. `emoney-account-inquiry`; scenario files and rules use it.
    public var serviceName: String
    public var serviceCode: ServiceCode
    public var security: RouteSecurity
    /// The profile (provider dialect) whose path matched.
    public var profile: String
    /// What the profile changes about this route; the ASPI standard by default.
    public var dialect: RouteDialect

    public init(
        serviceName: String, serviceCode: ServiceCode, security: RouteSecurity, profile: String = "snap",
        dialect: RouteDialect = RouteDialect()
    ) {
        self.serviceName = serviceName
        self.serviceCode = serviceCode
        self.security = security
        self.profile = profile
        self.dialect = dialect
    }
}

/// Which checks the security pipeline runs for a route.
public enum RouteSecurity: String, Sendable, Hashable, Codable {
    /// Access-token request: `X-CLIENT-KEY`, `X-TIMESTAMP` and an RSA signature over `clientKey|timestamp`.
    case accessToken
    /// A SNAP transaction: the full header set, timestamp, signature per the partner's signing mode,
    /// token (symmetric partners) and `X-EXTERNAL-ID`.
    case transaction
    /// Only `Authorization: Bearer <token>`, as seed 000's balance limitation check asks.
    case bearer
    /// E2Pay's OAuth2 host and user tokens (the `e2pay` profile), checked by ``E2PayFront``, not by this pipeline.
    case e2pay
}
