/// The top-ups of one partner, found by partnerReferenceNo, referenceNo or X-EXTERNAL-ID.
///
/// Bounded: past `limit` records the oldest is forgotten (a retry of it then counts as new), so a long
/// load test cannot grow memory without end.
public struct TopUpJournal: Sendable {
    private var records: [Int: TopUpRecord] = [:]
    private var byPartnerReference: [String: Int] = [:]
    private var byReference: [String: Int] = [:]
    private var byExternalId: [String: Int] = [:]
    private var oldest = 0
    private var next = 0
    /// Most records kept.
    public let limit: Int

    /// An empty journal keeping at most `limit` records (at least one).
    public init(limit: Int = 100_000) {
        self.limit = max(1, limit)
    }

    /// Records kept now.
    public var count: Int { records.count }

    /// The top-up with this partnerReferenceNo (the latest, if reused).
    public func record(partnerReferenceNo: String) -> TopUpRecord? {
        byPartnerReference[partnerReferenceNo].flatMap { records[$0] }
    }

    /// The credited top-up with this referenceNo.
    public func record(referenceNo: String) -> TopUpRecord? {
        byReference[referenceNo].flatMap { records[$0] }
    }

    /// The latest top-up sent with this X-EXTERNAL-ID.
    public func record(externalId: String) -> TopUpRecord? {
        byExternalId[externalId].flatMap { records[$0] }
    }

    /// Every record, oldest first.
    public var all: [TopUpRecord] {
        (oldest..<next).compactMap { records[$0] }
    }

    /// Adds a record; a record with the same partnerReferenceNo is replaced in the indexes.
    public mutating func append(_ record: TopUpRecord) {
        let number = next
        next += 1
        records[number] = record
        byPartnerReference[record.partnerReferenceNo] = number
        if let referenceNo = record.referenceNo { byReference[referenceNo] = number }
        if let externalId = record.externalId { byExternalId[externalId] = number }
        while records.count > limit { evictOldest() }
    }

    private mutating func evictOldest() {
        guard let record = records.removeValue(forKey: oldest) else {
            oldest += 1
            return
        }
        // Only drop index entries that still point at the evicted record.
        if byPartnerReference[record.partnerReferenceNo] == oldest { byPartnerReference[record.partnerReferenceNo] = nil }
        if let referenceNo = record.referenceNo, byReference[referenceNo] == oldest { byReference[referenceNo] = nil }
        if let externalId = record.externalId, byExternalId[externalId] == oldest { byExternalId[externalId] = nil }
        oldest += 1
    }
}
