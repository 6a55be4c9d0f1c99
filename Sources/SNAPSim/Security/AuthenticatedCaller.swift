/// A partner whose request passed the security pipeline.
public struct AuthenticatedCaller: Sendable {
    public var partner: Partner
    /// The `X-EXTERNAL-ID` it sent, if the route requires one.
    public var externalID: String?

    public var clientId: String { partner.clientId }

    public init(partner: Partner, externalID: String?) {
        self.partner = partner
        self.externalID = externalID
    }
}
