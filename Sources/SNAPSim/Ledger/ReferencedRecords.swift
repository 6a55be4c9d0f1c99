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
    /// Records from `records[head]` on are kept; `records[i]` is record number `base + i`. An array read from a
    /// head (compacted once half is dead) rather than a dictionary: no rehash of up to `limit` records under the
    /// partner's lock as the book grows, and forgetting the oldest costs O(1).
    private var records: [Record] = []
    private var head = 0
    private var base = 0
    private var byPartnerReference: [String: Int] = [:]
    private var byReference: [String: Int] = [:]
    private var byExternalId: [String: Int] = [:]
    /// Most records kept.
    public let limit: Int
    /// Stamped anew by every change: a snapshot reuses the packed bytes of records that did not change.
    private(set) var version = PackedBytesMemo.Version.next()
    let packedMemo = PackedBytesMemo()

    /// An empty book keeping at most `limit` records (at least one).
    public init(limit: Int = 100_000) {
        self.limit = max(1, limit)
    }

    /// Records kept now.
    public var count: Int { records.count - head }

    /// The record numbered `number`, if it is still kept.
    private func kept(_ number: Int) -> Record? {
        let index = number - base
        return index >= head && index < records.count ? records[index] : nil
    }

    /// The record with this partnerReferenceNo (the latest, if reused).
    public func record(partnerReferenceNo: String) -> Record? {
        byPartnerReference[partnerReferenceNo].flatMap(kept)
    }

    /// The record the provider gave this referenceNo.
    public func record(referenceNo: String) -> Record? {
        byReference[referenceNo].flatMap(kept)
    }

    /// The latest record sent with this X-EXTERNAL-ID.
    public func record(externalId: String) -> Record? {
        byExternalId[externalId].flatMap(kept)
    }

    /// Every record, oldest first.
    public var all: [Record] {
        Array(records[head...])
    }

    /// Makes room for `count` more records and their index entries (a snapshot being read appends them all).
    mutating func reserveCapacity(_ count: Int) {
        records.reserveCapacity(records.count + count)
        byPartnerReference.reserveCapacity(byPartnerReference.count + count)
        byReference.reserveCapacity(byReference.count + count)
        byExternalId.reserveCapacity(byExternalId.count + count)
    }

    /// Adds a record; a record with the same partnerReferenceNo is replaced in the indexes.
    public mutating func append(_ record: Record) {
        let number = base + records.count
        version = .next()
        records.append(record)
        byPartnerReference[record.partnerReferenceNo] = number
        if let referenceNo = record.referenceNo { byReference[referenceNo] = number }
        if let externalId = record.externalId { byExternalId[externalId] = number }
        while count > limit { evictOldest() }
    }

    private mutating func evictOldest() {
        let oldest = base + head
        let record = records[head]
        // Only drop index entries that still point at the evicted record.
        if byPartnerReference[record.partnerReferenceNo] == oldest { byPartnerReference[record.partnerReferenceNo] = nil }
        if let referenceNo = record.referenceNo, byReference[referenceNo] == oldest { byReference[referenceNo] = nil }
        if let externalId = record.externalId, byExternalId[externalId] == oldest { byExternalId[externalId] = nil }
        head += 1
        if head > 64 && head * 2 > records.count {
            records.removeFirst(head)
            base += head
            head = 0
        }
    }
}

