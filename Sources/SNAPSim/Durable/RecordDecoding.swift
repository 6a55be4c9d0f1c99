import Dispatch
import Synchronization

/// The log's records after the snapshot, decoded on every core and, at a start from a snapshot, while the
/// snapshot itself is read (its collections' indexes are built on one core, leaving the other free).
///
/// A record of a request rebuilds the request (target, headers, body): ~10k records after a snapshot of top-ups
/// were a tenth of a restart, decoded one after the other on the starting thread before the replay.
final class RecordDecoding: Sendable {
    private let group = DispatchGroup()
    private let result = Mutex<Result<[DurableRecord], DurableStateError>?>(nil)

    /// Starts decoding `records` in the background; ``records()`` waits for them.
    init(_ records: [[UInt8]], directory: String) {
        group.enter()
        DispatchQueue.global().async { [self] in
            let decoded = Self.decode(records, directory: directory)
            result.withLock { $0 = decoded }
            group.leave()
        }
    }

    /// The decoded records, in order, or the refusal naming the first record this version does not read.
    func records() throws(DurableStateError) -> [DurableRecord] {
        group.wait()
        switch result.withLock({ $0 }) {
        case .success(let records)?: return records
        case .failure(let error)?: throw error
        case nil: throw DurableStateError("the log's records were not decoded")
        }
    }

    /// Records per slice decoded by one core at a time.
    static var sliceSize: Int { 2_048 }

    /// `records` decoded slice by slice on every core; the first record that does not decode (in log order) is
    /// the refusal, as in a decode one after the other.
    static func decode(_ records: [[UInt8]], directory: String) -> Result<[DurableRecord], DurableStateError> {
        let sliceCount = (records.count + sliceSize - 1) / sliceSize
        let slices = Mutex<[[DurableRecord]]>(Array(repeating: [], count: sliceCount))
        let firstUnread = Atomic<Int>(Int.max)
        DispatchQueue.concurrentPerform(iterations: sliceCount) { slice in
            let range = (slice * sliceSize)..<min(records.count, (slice + 1) * sliceSize)
            var decoded: [DurableRecord] = []
            decoded.reserveCapacity(range.count)
            for index in range {
                guard let record = DurableRecord(records[index]) else {
                    firstUnread.min(index, ordering: .relaxed)
                    return
                }
                decoded.append(record)
            }
            slices.withLock { $0[slice] = decoded }
        }
        let unread = firstUnread.load(ordering: .relaxed)
        guard unread == Int.max else {
            return .failure(DurableStateError(
                "record \(unread + 1) of the log in \(directory) is intact but not one this version of snapsim "
                    + "reads; refusing to start and leaving the directory as it is"))
        }
        var decoded: [DurableRecord] = []
        decoded.reserveCapacity(records.count)
        for slice in slices.withLock({ $0 }) { decoded.append(contentsOf: slice) }
        return .success(decoded)
    }
}
