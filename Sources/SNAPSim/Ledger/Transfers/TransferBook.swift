/// The transfers of one partner (17, 18, 43), found by partnerReferenceNo, referenceNo or X-EXTERNAL-ID.
///
/// One book for the three services, so a partnerReferenceNo is one transfer whichever service it was sent to.
/// Bounded like ``TopUpJournal``: past `limit` records the oldest is forgotten.
public typealias TransferBook = ReferencedRecords<TransferRecord>

extension TransferRecord: ReferencedRecord {}

extension ReferencedRecords where Record == TransferRecord {
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
}
