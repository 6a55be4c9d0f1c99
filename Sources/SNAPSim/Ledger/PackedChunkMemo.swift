import Synchronization

/// The packed bytes of a ``ChunkedQueue``'s whole chunks, kept by chunk number between snapshots.
///
/// A whole chunk never changes (only the oldest loses elements from its front, and then it is no longer whole),
/// so its bytes, once packed, stay right for every copy of the queue that shares its history: the live queue and
/// the copies snapshots encode. Packing 100,000 X-EXTERNAL-IDs for every snapshot (~every 0.6 s under balance
/// inquiries) cost ~15 % of the server's CPU; with the memo a snapshot packs the newest, partial chunk and the
/// trimmed oldest one, and copies the rest. One memo belongs to one queue history: a queue started afresh (a new
/// day, a decoded snapshot) gets a new memo, since its chunk numbers start again at 0.
final class PackedChunkMemo: Sendable {
    private let chunks = Mutex<[Int: [UInt8]]>([:])

    init() {}

    /// The bytes of whole chunk `number`, made by `pack` unless they were already made.
    func bytes(ofChunk number: Int, pack: () -> [UInt8]) -> [UInt8] {
        if let bytes = chunks.withLock({ $0[number] }) { return bytes }
        let bytes = pack()
        chunks.withLock { $0[number] = bytes }
        return bytes
    }

    /// Drops the bytes of chunks numbered below `number` (forgotten by the queue: no copy made from now on has them).
    func forgetChunks(below number: Int) {
        chunks.withLock { chunks in
            guard chunks.keys.contains(where: { $0 < number }) else { return }
            chunks = chunks.filter { $0.key >= number }
        }
    }
}
