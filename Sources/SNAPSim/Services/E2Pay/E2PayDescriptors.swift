/// The E2Pay (M-Bayar) services of the `e2pay` profile (issue 13). E2Pay has no SNAP service codes; every
/// route shares code `00` with seed 000 and is told apart by name. Their checks are E2Pay's own OAuth2
/// host/user tokens (``RouteSecurity/e2pay``), run by ``E2PayFront``.
extension ServiceDescriptor {
    private static func e2pay(_ name: String, _ title: String) -> ServiceDescriptor {
        ServiceDescriptor(name: name, code: .balanceLimitCheck, title: "E2Pay " + title, security: .e2pay)
    }

    static let e2payToken = e2pay("e2pay-token", "OAuth2 token (client_credentials, authorization_code, refresh_token)")
    static let e2payAuthorization = e2pay("e2pay-authorization", "login: username + MD5 password → authorization code")
    static let e2payLogout = e2pay("e2pay-logout", "log out (revokes the user token)")
    static let e2payBalanceLimit = e2pay("e2pay-balance-limit", "balance limitation check (host or user token)")
    static let e2payCustomerAccount = e2pay("e2pay-customer-account", "customer balance & status")

    /// The E2Pay services, for ``ServiceDescriptor/all``.
    static let e2payServices: [ServiceDescriptor] = [
        e2payToken, e2payAuthorization, e2payLogout, e2payBalanceLimit, e2payCustomerAccount,
    ]
}
