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
    /// The records kept, numbered in the order they were appended; each index maps a reference to the number of
    /// its latest record. Chunks and split indexes (``ChunkedQueue``, ``ReferenceIndex``): growing to `limit`
    /// records and forgetting the oldest never rehashes, moves or destroys many records at once under the
    /// partner's lock.
    private var records = ChunkedQueue<Record>()
    private var byPartnerReference = ReferenceIndex<Int>()
    private var byReference = ReferenceIndex<Int>()
    private var byExternalId = ReferenceIndex<Int>()
    /// Most records kept.
    public let limit: Int
    /// Stamped anew by every change: a snapshot reuses the packed bytes of records that did not change.
    private(set) var version = PackedBytesMemo.Version.next()
    let packedMemo = PackedBytesMemo()
    /// The packed bytes of the records' whole chunks (``PackedRecord/packChunks(of:memo:)``).
    let packedChunks = PackedChunkMemo()

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
        records.all
    }

    /// The records' store, chunk by chunk (packed for a snapshot).
    var chunkedRecords: ChunkedQueue<Record> { records }

    /// Makes room for `count` more records and their index entries (a snapshot being read appends them all).
    mutating func reserveCapacity(_ count: Int) {
        records.reserveCapacity(count)
        byPartnerReference.reserveCapacity(count)
        byReference.reserveCapacity(count)
        byExternalId.reserveCapacity(count)
    }

    /// Adds a record; a record with the same partnerReferenceNo is replaced in the indexes.
    public mutating func append(_ record: Record) {
        version = .next()
        let number = records.append(record)
        byPartnerReference[record.partnerReferenceNo] = number
        if let referenceNo = record.referenceNo { byReference[referenceNo] = number }
        if let externalId = record.externalId { byExternalId[externalId] = number }
        while count > limit { evictOldest() }
    }

    private mutating func evictOldest() {
        let oldest = records.startNumber
        guard let record = records.removeFirst() else { return }
        // Only drop index entries that still point at the evicted record.
        byPartnerReference.removeValue(forKey: record.partnerReferenceNo, ifEqualTo: oldest)
        if let referenceNo = record.referenceNo { byReference.removeValue(forKey: referenceNo, ifEqualTo: oldest) }
        if let externalId = record.externalId { byExternalId.removeValue(forKey: externalId, ifEqualTo: oldest) }
    }
}
