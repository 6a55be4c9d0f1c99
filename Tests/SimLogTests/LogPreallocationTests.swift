import Foundation
import SimLog
import Testing

/// The space a log writes ahead of its records (zeros, so that an fdatasync flushes data only): never taken
/// for damage, never reported, and gone after a clean close.
@Suite struct LogPreallocationTests {
    static func logFile(_ directory: String) -> String { directory + "/log" }

    @Test func aCleanCloseLeavesOnlyTheRecords_AndAReopenAppendsAfterThem() throws {
        let directory = DurableLogTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let (log, _) = try DurableLog.open(directory: directory)
            log.waitUntilDurable(log.append(Array("one".utf8)))
            log.close()
        }
        let size = try #require(FileManager.default.contents(atPath: Self.logFile(directory))).count
        #expect(size == LogRecovery.magic.count + RecordFrame.headerSize + 3)
        do {
            let (log, recovery) = try DurableLog.open(directory: directory)
            #expect(recovery.records == [Array("one".utf8)])
            log.waitUntilDurable(log.append(Array("two".utf8)))
            log.close()
        }
        let (log, recovery) = try DurableLog.open(directory: directory)
        defer { log.close() }
        #expect(recovery.records == [Array("one".utf8), Array("two".utf8)])
        #expect(recovery.cutTail == nil)
    }

    @Test func zerosAfterTheRecordsAreSpaceNotATornTail_ButGarbageBeforeThemIs() throws {
        let directory = DurableLogTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let (log, _) = try DurableLog.open(directory: directory)
            log.waitUntilDurable(log.append(Array("kept".utf8)))
            log.close()
        }
        // What a kill -9 leaves: the records, then the zeros written ahead of them.
        let handle = try #require(FileHandle(forWritingAtPath: Self.logFile(directory)))
        handle.seekToEndOfFile()
        handle.write(Data(repeating: 0, count: 1 << 20))
        handle.closeFile()
        do {
            let (log, recovery) = try DurableLog.open(directory: directory)
            #expect(recovery.records == [Array("kept".utf8)])
            #expect(recovery.cutTail == nil, "\(recovery.cutTail ?? "")")
            log.close()
        }
        // A record the kill interrupted, then zeros: a torn tail, reported.
        let torn = try #require(FileHandle(forWritingAtPath: Self.logFile(directory)))
        torn.seekToEndOfFile()
        torn.write(Data([40, 0, 0, 0, 1, 2, 3, 4, 9, 9]) + Data(repeating: 0, count: 4096))
        torn.closeFile()
        let (log, recovery) = try DurableLog.open(directory: directory)
        defer { log.close() }
        #expect(recovery.records == [Array("kept".utf8)])
        #expect(recovery.cutTail?.contains("torn tail") == true)
    }

    @Test func manyBatchesAcrossThePreallocatedSpaceAreAllKept() throws {
        let directory = DurableLogTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let payloads = (0..<300).map { index in [UInt8](repeating: UInt8(truncatingIfNeeded: index + 1), count: 40_000) }
        do {
            let (log, _) = try DurableLog.open(directory: directory)
            var last: UInt64 = 0
            for payload in payloads { last = log.append(payload) }
            log.waitUntilDurable(last)
            log.close()
        }
        let (log, recovery) = try DurableLog.open(directory: directory)
        defer { log.close() }
        #expect(recovery.records == payloads)
        #expect(recovery.cutTail == nil)
    }
}

/// Records nobody waits for (a read's) are gathered for a few milliseconds before they are written; they still
/// reach the disk on their own, and anyone who starts waiting is answered.
@Suite struct LogGatheringTests {
    @Test func recordsNobodyWaitsForBecomeDurableOnTheirOwn_AndAWaiterIsAnswered() throws {
        let directory = DurableLogTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (log, _) = try DurableLog.open(directory: directory)
        let first = log.append(Array("read".utf8))
        // Polled, not slept: the writer's gathering ends by itself.
        let deadline = Date().addingTimeInterval(60)
        while log.durableSequence < first && Date() < deadline { usleep(1_000) }
        #expect(log.durableSequence >= first)
        let second = log.append(Array("another read".utf8))
        let opened = Counter()
        let waiting = log.whenDurable(log.append(Array("a change".utf8))) { opened.add() }
        log.waitUntilDurable(second + 1)
        #expect(log.durableSequence >= second + 1)
        while waiting && opened.value.load(ordering: .relaxed) == 0 && Date() < deadline { usleep(1_000) }
        #expect(!waiting || opened.value.load(ordering: .relaxed) == 1)
        log.close()
        let (reopened, recovery) = try DurableLog.open(directory: directory)
        defer { reopened.close() }
        #expect(recovery.records.count == 3)
    }
}
