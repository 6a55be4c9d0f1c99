import SimBinaryCoding

/// Packing a ``ChunkedQueue`` of records chunk by chunk, each whole chunk's bytes made once and kept in a
/// ``PackedChunkMemo``: the bytes are those of ``PackedRecord/packAll(_:)`` (same layout, version 1), with one
/// packed chunk per queue chunk (1,024 records) instead of per 16,384 records; the layout carries each chunk's
/// record count and length, so every version of the reader reads either.
///
/// Repacking 100k top-up records and movements for each snapshot after a top-up cost the snapshot thread
/// 12–31 µs per top-up (CPU taken from requests); now a snapshot packs only the newest, partial chunk and the
/// oldest one (no longer whole once the book forgets its first record) and copies the rest.
extension PackedRecord {
    /// The bytes of ``packAll(_:)`` for the records of `queue`, oldest first, whole chunks taken from `memo`.
    static func packChunks(of queue: ChunkedQueue<Self>, memo: PackedChunkMemo) -> [UInt8] {
        var chunks: [(count: Int, bytes: [UInt8])] = []
        chunks.reserveCapacity(queue.count / ChunkedQueue<Self>.chunkSize + 2)
        var total = 0
        queue.forEachChunk { number, isWhole, slots in
            let bytes = isWhole ? memo.bytes(ofChunk: number) { packChunk(slots) } : packChunk(slots)
            let count = isWhole ? slots.count : slots.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
            guard count > 0 else { return }
            chunks.append((count, bytes))
            total += bytes.count
        }
        memo.forgetChunks(below: queue.startNumber / ChunkedQueue<Self>.chunkSize)
        var writer = PackedWriter(capacity: 32 + total + chunks.count * 8)
        writer.byte(packedRecordsVersion)
        writer.unsigned(UInt64(chunks.reduce(0) { $0 + $1.count }))
        writer.unsigned(UInt64(chunks.count))
        for chunk in chunks {
            writer.unsigned(UInt64(chunk.count))
            writer.unsigned(UInt64(chunk.bytes.count))
            writer.raw(chunk.bytes)
        }
        return writer.bytes
    }

    /// The records of one chunk's kept slots, packed one after the other.
    private static func packChunk(_ slots: ArraySlice<Self?>) -> [UInt8] {
        var writer = PackedWriter(capacity: slots.count * 96)
        for case let record? in slots { record.pack(into: &writer) }
        return writer.bytes
    }
}
