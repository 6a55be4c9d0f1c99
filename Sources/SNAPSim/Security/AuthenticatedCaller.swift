/// A partner whose request passed the security pipeline.
///
/// A value type whose fields live in one immutable box: every signed request copies its caller into the service
/// request, the decision and the journal's view of it, and copying the box is one reference count where copying
/// the fields (a whole ``Partner``) was dozens. Setting a field replaces the box, so copies never share a change.
public struct AuthenticatedCaller: Sendable {
    private final class Storage: Sendable {
        let partner: Partner
        let externalID: String?
        let verdict: SecurityVerdict
        let customerNumber: String?

        init(partner: Partner, externalID: String?, verdict: SecurityVerdict, customerNumber: String?) {
            self.partner = partner
            self.externalID = externalID
            self.verdict = verdict
            self.customerNumber = customerNumber
        }
    }

    private var storage: Storage

    public var partner: Partner {
        get { storage.partner }
        set { storage = Storage(partner: newValue, externalID: externalID, verdict: verdict, customerNumber: customerNumber) }
    }

    /// The `X-EXTERNAL-ID` it sent, if the route requires one.
    public var externalID: String? {
        get { storage.externalID }
        set { storage = Storage(partner: partner, externalID: newValue, verdict: verdict, customerNumber: customerNumber) }
    }

    /// How it passed: the string-to-sign verified, the signature's encoding, the token presented.
    public var verdict: SecurityVerdict {
        get { storage.verdict }
        set { storage = Storage(partner: partner, externalID: externalID, verdict: newValue, customerNumber: customerNumber) }
    }

    /// The e-money customer named by the B2B2C token in `Authorization-Customer`, on routes that need one.
    public var customerNumber: String? {
        get { storage.customerNumber }
        set { storage = Storage(partner: partner, externalID: externalID, verdict: verdict, customerNumber: newValue) }
    }

    public var clientId: String { storage.partner.clientId }

    public init(
        partner: Partner, externalID: String?, verdict: SecurityVerdict = SecurityVerdict(), customerNumber: String? = nil
    ) {
        storage = Storage(partner: partner, externalID: externalID, verdict: verdict, customerNumber: customerNumber)
    }
}
