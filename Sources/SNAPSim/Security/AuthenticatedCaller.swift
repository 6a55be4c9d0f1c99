/// A partner whose request passed the security pipeline.
public struct AuthenticatedCaller: Sendable {
    public var partner: Partner
    /// The `X-EXTERNAL-ID` it sent, if the route requires one.
    public var externalID: String?
    /// How it passed: the string-to-sign verified, the signature's encoding, the token presented.
    public var verdict: SecurityVerdict

    public var clientId: String { partner.clientId }

    public init(partner: Partner, externalID: String?, verdict: SecurityVerdict = SecurityVerdict()) {
        self.partner = partner
        self.externalID = externalID
        self.verdict = verdict
    }
}
