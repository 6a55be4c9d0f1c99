import Synchronization

/// The documents of the partners' states written in the last snapshot, by client id, with the lock they were
/// read under and its change count then: a partner whose lock saw no change since is not encoded again.
/// A fixture swap or an install makes new locks, so their states are always encoded afresh.
final class SnapshotDocuments: Sendable {
    struct Document: Sendable {
        let lock: PartnerLock
        let version: UInt64
        let document: StateSnapshot.Document
    }

    private let documents = Mutex<[String: Document]>([:])

    /// The document written last for `clientId`'s state, if it has not changed since.
    func unchanged(_ clientId: String, lock: PartnerLock, version: UInt64) -> StateSnapshot.Document? {
        documents.withLock { documents in
            documents[clientId].flatMap { $0.lock === lock && $0.version == version ? $0.document : nil }
        }
    }

    /// Keeps exactly these documents (those of the snapshot just written).
    func replace(with latest: [String: Document]) {
        documents.withLock { $0 = latest }
    }
}
