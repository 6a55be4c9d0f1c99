/// The top-ups of one partner, found by partnerReferenceNo, referenceNo or X-EXTERNAL-ID; bounded.
public typealias TopUpJournal = ReferencedRecords<TopUpRecord>

extension TopUpRecord: ReferencedRecord {}
