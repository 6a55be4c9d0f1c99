/// A SNAP service the simulator knows: its stable name, code and how its routes are secured.
///
/// Fixtures refer to services by name (`emoney-account-inquiry`) or code (`37`); this list is what both
/// resolve against, so a typo in a profile, partner or rule is a load problem, not a silent no-match.
public struct ServiceDescriptor: Sendable, Hashable, CustomStringConvertible {
    /// Stable name used by profiles, partners' `services`, rules and scenario files.
    public let name: String
    /// The two-digit SNAP service code (`00` for seed 000's limit check).
    public let code: ServiceCode
    /// What people call it.
    public let title: String
    /// The checks the security pipeline runs before the service (a profile route may override it).
    public let security: RouteSecurity

    public var description: String { "\(name) (\(code))" }

    /// Access token B2B (73); handled by the security pipeline.
    public static let accessTokenB2B = ServiceDescriptor(
        name: "access-token-b2b", code: .accessTokenB2B, title: "Access Token B2B", security: .accessToken)
    /// Access token B2B2C (74): a customer token for an authorization code; handled by the security pipeline.
    public static let accessTokenB2B2C = ServiceDescriptor(
        name: "access-token-b2b2c", code: .accessTokenB2B2C, title: "Access Token B2B2C", security: .accessToken)
    /// Balance inquiry (11).
    public static let balanceInquiry = ServiceDescriptor(
        name: "balance-inquiry", code: .balanceInquiry, title: "Balance Inquiry", security: .transaction)
    /// E-money account inquiry (37).
    public static let emoneyAccountInquiry = ServiceDescriptor(
        name: "emoney-account-inquiry", code: .emoneyAccountInquiry, title: "E-Money Account Inquiry",
        security: .transaction)
    /// Customer top-up (38).
    public static let customerTopUp = ServiceDescriptor(
        name: "emoney-topup", code: .customerTopUp, title: "Customer Top Up", security: .transaction)
    /// Customer top-up inquiry status (39).
    public static let topUpStatus = ServiceDescriptor(
        name: "emoney-topup-status", code: .topUpStatus, title: "Customer Top Up Inquiry Status",
        security: .transaction)
    /// Seed 000's balance limitation check.
    public static let balanceLimitCheck = ServiceDescriptor(
        name: "balance-limit-check", code: .balanceLimitCheck, title: "Balance Limitation Check (seed 000)",
        security: .bearer)

    /// Every known service, in service-code order.
    public static let all: [ServiceDescriptor] = ([
        balanceLimitCheck, balanceInquiry, emoneyAccountInquiry, customerTopUp, topUpStatus, accessTokenB2B,
        accessTokenB2B2C,
    ] + virtualAccountServices + transferServices + directDebitFamily + qris
        + payoutServices + smilePayzFamily + e2payServices
            + e2payMoneyOutServices).sorted { ($0.code, $0.name) < ($1.code, $1.name) }

    /// The service with this name or two-digit code.
    public static func named(_ nameOrCode: String) -> ServiceDescriptor? {
        all.first { $0.name == nameOrCode || $0.code.rawValue == nameOrCode }
    }

    /// Names for "known: …" hints in problems.
    static var knownNames: String { all.map(\.name).joined(separator: ", ") }
}
