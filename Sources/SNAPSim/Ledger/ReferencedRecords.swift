/// A record a partner can find again by the references SNAP gives it: its own partnerReferenceNo, the
/// provider's referenceNo (once one was given) and the X-EXTERNAL-ID it was sent with.
public protocol ReferencedRecord: Sendable {
    var partnerReferenceNo: String { get }
    var referenceNo: String? { get }
    var externalId: String? { get }
}

/// One partner's records of a kind (top-ups, transfers), found by partnerReferenceNo, referenceNo or X-EXTERNAL-ID.
///
/// Bounded: past `limit` records the oldest is forgotten (a retry of it then counts as new), so a long
/// load test cannot grow memory without end.
public struct ReferencedRecords<Record: ReferencedRecord>: Sendable {
    private var records: [Int: Record] = [:]
    private var byPartnerReference: [String: Int] = [:]
    private var byReference: [String: Int] = [:]
    private var byExternalId: [String: Int] = [:]
    private var oldest = 0
    private var next = 0
    /// Most records kept.
    public let limit: Int

    /// An empty book keeping at most `limit` records (at least one).
    public init(limit: Int = 100_000) {
        self.limit = max(1, limit)
    }

    /// Records kept now.
    public var count: Int { records.count }

    /// The record with this partnerReferenceNo (the latest, if reused).
    public func record(partnerReferenceNo: String) -> Record? {
        byPartnerReference[partnerReferenceNo].flatMap { records[$0] }
    }

    /// The record the provider gave this referenceNo.
    public func record(referenceNo: String) -> Record? {
        byReference[referenceNo].flatMap { records[$0] }
    }

    /// The latest record sent with this X-EXTERNAL-ID.
    public func record(externalId: String) -> Record? {
        byExternalId[externalId].flatMap { records[$0] }
    }

    /// Every record, oldest first.
    public var all: [Record] {
        (oldest..<next).compactMap { records[$0] }
    }

    /// Adds a record; a record with the same partnerReferenceNo is replaced in the indexes.
    public mutating func append(_ record: Record) {
        let number = next
        next += 1
        records[number] = record
        byPartnerReference[record.partnerReferenceNo] = number
        if let referenceNo = record.referenceNo { byReference[referenceNo] = number }
        if let externalId = record.externalId { byExternalId[externalId] = number }
        while records.count > limit { evictOldest() }
    }

    private mutating func evictOldest() {
        if let record = records.removeValue(forKey: oldest) {
            // Only drop index entries that still point at the evicted record.
            if byPartnerReference[record.partnerReferenceNo] == oldest { byPartnerReference[record.partnerReferenceNo] = nil }
            if let referenceNo = record.referenceNo, byReference[referenceNo] == oldest { byReference[referenceNo] = nil }
            if let externalId = record.externalId, byExternalId[externalId] == oldest { byExternalId[externalId] = nil }
        }
        oldest += 1
    }
}
