/// Which journal entries a query wants; every criterion given must match.
public struct JournalFilter: Sendable, Equatable {
    /// The partner the request named.
    public var partner: String?
    /// Matches when the request target starts with this.
    public var path: String?
    /// A service name or code (`emoney-topup` or `38`), or `admin` for refused admin calls.
    public var service: String?
    /// The answer's `responseCode`, e.g. `4013701`.
    public var responseCode: String?
    /// The HTTP method, any case.
    public var method: String?
    /// The answer's HTTP status.
    public var status: Int?
    /// The rule or forced outcome that decided the answer.
    public var matchedRule: String?
    /// Only entries with a higher sequence number: poll with the last sequence seen.
    public var after: Int?
    /// `inbound` (requests partners sent) or `outbound` (notification attempts the simulator sent); both when `nil`.
    public var direction: JournalDirection?

    /// A filter; every criterion left `nil` matches everything.
    public init(
        partner: String? = nil, path: String? = nil, service: String? = nil, responseCode: String? = nil,
        method: String? = nil, status: Int? = nil, matchedRule: String? = nil, after: Int? = nil
    ) {
        self.partner = partner
        self.path = path
        self.service = service
        self.responseCode = responseCode
        self.method = method
        self.status = status
        self.matchedRule = matchedRule
        self.after = after
    }

    func matches(_ entry: JournalEntry) -> Bool {
        (partner.map { entry.partner == $0 } ?? true)
            && (path.map { entry.target.hasPrefix($0) } ?? true)
            && (service.map { entry.service == (ServiceDescriptor.named($0)?.name ?? $0) } ?? true)
            && (responseCode.map { entry.responseCode == $0 } ?? true)
            && (method.map { entry.method.lowercased() == $0.lowercased() } ?? true)
            && (status.map { entry.status == $0 } ?? true)
            && (matchedRule.map { entry.matchedRule == $0 } ?? true)
            && (after.map { entry.sequence > $0 } ?? true)
            && (direction.map { entry.direction == $0 } ?? true)
    }
}
