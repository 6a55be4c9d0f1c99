import Foundation
import SimLog
import Testing

/// Records nobody waits for (reads) are written to the file without an fdatasync: in the page cache, where a
/// `kill -9` of the process cannot lose them, before they are durable; whoever then waits for one gets it synced.
@Suite struct LogUnsyncedWriteTests {
    /// Whether the log file holds `payload` (read as another process would, through the page cache).
    static func fileHolds(_ directory: String, _ payload: [UInt8]) -> Bool {
        guard let bytes = FileManager.default.contents(atPath: directory + "/log") else { return false }
        return bytes.range(of: Data(payload)) != nil
    }

    @Test func aRecordNobodyWaitsForReachesTheFile_AndAWaiterForItIsAnswered() throws {
        let directory = DurableLogTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (log, _) = try DurableLog.open(directory: directory)
        let payload = Array("an inquiry's X-EXTERNAL-ID 7781".utf8)
        let sequence = log.append(payload)
        // Polled, not slept: the writer writes it once its gathering ends, whether or not it syncs it.
        let deadline = Date().addingTimeInterval(60)
        while !Self.fileHolds(directory, payload) && Date() < deadline { usleep(1_000) }
        #expect(Self.fileHolds(directory, payload), "written to the file with nobody waiting for it")
        // Whether or not it was synced meanwhile, someone waiting for it is answered once it is.
        let opened = Counter()
        let waiting = log.whenDurable(sequence) { opened.add() }
        while waiting && opened.value.load(ordering: .relaxed) == 0 && Date() < deadline { usleep(1_000) }
        #expect(!waiting || opened.value.load(ordering: .relaxed) == 1)
        #expect(log.durableSequence >= sequence)
        log.close()
        let (reopened, recovery) = try DurableLog.open(directory: directory)
        defer { reopened.close() }
        #expect(recovery.records == [payload])
    }

    @Test func aChangeAfterUnsyncedReadsMakesThemAllDurable_InOrder() throws {
        let directory = DurableLogTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (log, _) = try DurableLog.open(directory: directory)
        let reads = (0..<50).map { Array("read \($0)".utf8) }
        for read in reads { log.append(read) }
        let deadline = Date().addingTimeInterval(60)
        while !Self.fileHolds(directory, reads[49]) && Date() < deadline { usleep(1_000) }
        let change = log.append(Array("a top-up".utf8))
        log.waitUntilDurable(change)
        #expect(log.durableSequence >= change)
        log.close()
        let (reopened, recovery) = try DurableLog.open(directory: directory)
        defer { reopened.close() }
        #expect(recovery.records == reads + [Array("a top-up".utf8)])
    }
}
