import Foundation
import SimLog
import Testing

/// Batches nobody waits for (reads) that pass the space written ahead are appended without writing zeros ahead;
/// a change after them writes the space ahead again. Every record stays in order across both, a reopen finds no
/// damage, and a clean close leaves the records only.
@Suite struct LogUnsyncedGrowthTests {
    @Test func readsPastTheSpaceWrittenAhead_ThenAChange_AreAllKeptInOrder() throws {
        let directory = DurableLogTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // ~9 MiB of records nobody waits for: more than twice the 4 MiB written ahead of a new segment's records.
        let reads = (0..<230).map { index in [UInt8](repeating: UInt8(truncatingIfNeeded: index + 1), count: 40_000) }
        let change = Array("a change".utf8)
        let later = (0..<5).map { index in [UInt8](repeating: UInt8(truncatingIfNeeded: 200 + index), count: 3_000) }
        var size = LogRecovery.magic.count
        do {
            let (log, _) = try DurableLog.open(directory: directory)
            var last: UInt64 = 0
            for (index, read) in reads.enumerated() {
                last = log.append(read)
                size += RecordFrame.headerSize + read.count
                // Polled, not slept: let the writer take some batches on their own, unsynced, along the way.
                if index % 40 == 39 {
                    let deadline = Date().addingTimeInterval(60)
                    while log.durableSequence < last && Date() < deadline { usleep(1_000) }
                }
            }
            log.waitUntilDurable(log.append(change))
            size += RecordFrame.headerSize + change.count
            for read in later {
                last = log.append(read)
                size += RecordFrame.headerSize + read.count
            }
            log.close()
        }
        let fileSize = try #require(FileManager.default.attributesOfItem(atPath: directory + "/log")[.size] as? Int)
        #expect(fileSize == size)
        let (log, recovery) = try DurableLog.open(directory: directory)
        defer { log.close() }
        #expect(recovery.records == reads + [change] + later)
        #expect(recovery.cutTail == nil)
    }
}
