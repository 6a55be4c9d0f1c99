/// The transfers of one partner (17, 18, 43), found by partnerReferenceNo, referenceNo or X-EXTERNAL-ID.
///
/// One book for the three services, so a partnerReferenceNo is one transfer whichever service it was sent to.
/// Bounded like ``TopUpJournal``: past `limit` records the oldest is forgotten.
public struct TransferBook: Sendable {
    private var records: [Int: TransferRecord] = [:]
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

    /// The transfer with this partnerReferenceNo.
    public func record(partnerReferenceNo: String) -> TransferRecord? {
        byPartnerReference[partnerReferenceNo].flatMap { records[$0] }
    }

    /// The sent transfer with this referenceNo.
    public func record(referenceNo: String) -> TransferRecord? {
        byReference[referenceNo].flatMap { records[$0] }
    }

    /// The latest transfer sent with this X-EXTERNAL-ID.
    public func record(externalId: String) -> TransferRecord? {
        byExternalId[externalId].flatMap { records[$0] }
    }

    /// The one transfer every given reference leads to, `nil` when one leads nowhere or they disagree.
    public func find(partnerReferenceNo: String?, referenceNo: String?, externalId: String?) -> TransferRecord? {
        let candidates = [
            partnerReferenceNo.map { record(partnerReferenceNo: $0) },
            referenceNo.map { record(referenceNo: $0) },
            externalId.map { record(externalId: $0) },
        ].compactMap { $0 }
        guard let first = candidates.first, candidates.allSatisfy({ $0 != nil && $0 == first }) else { return nil }
        return first
    }

    /// Adds a record; one with the same partnerReferenceNo is replaced in the indexes.
    public mutating func append(_ record: TransferRecord) {
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
            if byPartnerReference[record.partnerReferenceNo] == oldest { byPartnerReference[record.partnerReferenceNo] = nil }
            if let referenceNo = record.referenceNo, byReference[referenceNo] == oldest { byReference[referenceNo] = nil }
            if let externalId = record.externalId, byExternalId[externalId] == oldest { byExternalId[externalId] = nil }
        }
        oldest += 1
    }
}
