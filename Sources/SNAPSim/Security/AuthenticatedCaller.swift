/// A partner whose request passed the security pipeline.
public struct AuthenticatedCaller: Sendable {
    public var partner: Partner
    /// The `X-EXTERNAL-ID` it sent, if the route requires one.
    public var externalID: String?
    /// How it passed: the string-to-sign verified, the signature's encoding, the token presented.
    public var verdict: SecurityVerdict
    /// The e-money customer named by the B2B2C token in `Authorization-Customer`, on routes that need one.
    public var customerNumber: String?

    public var clientId: String { partner.clientId }

    public init(
        partner: Partner, externalID: String?, verdict: SecurityVerdict = SecurityVerdict(), customerNumber: String? = nil
    ) {
        self.partner = partner
        self.externalID = externalID
        self.verdict = verdict
        self.customerNumber = customerNumber
    }
}
