import Foundation
import SimLog
import Testing

/// The segment made ahead of a snapshot's cut (``DurableLog/prepareSegment()``): the cut switches to it, records
/// after the cut land in it, a restart reads it like any other, and a clean close leaves none behind unused.
@Suite struct PreparedSegmentTests {
    static func size(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
    }

    @Test func theCutSwitchesToThePreparedSegment_AndEveryRecordIsReadBack() throws {
        let directory = DurableLogTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let (log, _) = try DurableLog.open(directory: directory)
            log.waitUntilDurable(log.append(Array("before".utf8)))
            try log.prepareSegment()
            try log.prepareSegment()  // already made: nothing more
            // Made ahead: a header and zeros, no record yet.
            let made = try #require(FileManager.default.contents(atPath: directory + "/log.1"))
            #expect(made.count > LogRecovery.magic.count && made.dropFirst(LogRecovery.magic.count).allSatisfy { $0 == 0 })
            #expect(try log.startSegment() == 1)
            log.waitUntilDurable(log.append(Array("after".utf8)))
            #expect(Self.size(directory + "/log.1") == made.count, "written over the zeros, not appended")
            log.close()
        }
        #expect(Self.size(directory + "/log.1") == LogRecovery.magic.count + RecordFrame.headerSize + 5)
        let (log, recovery) = try DurableLog.open(directory: directory)
        defer { log.close() }
        #expect(recovery.records == [Array("before".utf8), Array("after".utf8)])
        #expect(recovery.cutTail == nil)
    }

    @Test func aPreparedSegmentNeverUsedIsRemovedByACleanClose_AndOneLeftByACrashReadsAsEmpty() throws {
        let directory = DurableLogTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let (log, _) = try DurableLog.open(directory: directory)
            log.waitUntilDurable(log.append(Array("one".utf8)))
            try log.prepareSegment()
            log.close()
        }
        #expect(!FileManager.default.fileExists(atPath: directory + "/log.1"))
        // What a kill between making the segment and the cut leaves: a header and zeros after the last segment.
        var empty = LogRecovery.magic
        empty += [UInt8](repeating: 0, count: 1 << 16)
        try Data(empty).write(to: URL(fileURLWithPath: directory + "/log.1"))
        let (log, recovery) = try DurableLog.open(directory: directory)
        #expect(recovery.records == [Array("one".utf8)])
        #expect(recovery.cutTail == nil)
        log.waitUntilDurable(log.append(Array("two".utf8)))
        log.close()
        let (again, reread) = try DurableLog.open(directory: directory)
        defer { again.close() }
        #expect(reread.records == [Array("one".utf8), Array("two".utf8)])
    }

    /// ``DurableLog/cutSegment()`` does not wait: records appended before it (not yet durable) end the old
    /// segment, those after it start the new one, each segment in order on disk; the sequence it returns is the
    /// last record before the cut. Several cuts in a row, one with nothing pending, read back whole.
    @Test func aCutThatDoesNotWaitKeepsEveryRecordInOrder() throws {
        let directory = DurableLogTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var expected: [[UInt8]] = []
        do {
            let (log, _) = try DurableLog.open(directory: directory)
            for round in 1...3 {
                for index in 0..<50 {
                    let record = Array("r\(round)-\(index)".utf8)
                    expected.append(record)
                    log.append(record)
                }
                try log.prepareSegment()
                let (segment, sequence) = try log.cutSegment()
                #expect(segment == UInt64(round) && sequence == UInt64(expected.count))
                for index in 0..<7 {
                    let record = Array("after-\(round)-\(index)".utf8)
                    expected.append(record)
                    log.append(record)
                }
                log.waitUntilDurable(sequence)
            }
            try log.prepareSegment()
            let (segment, sequence) = try log.cutSegment()  // nothing pending at all once the last records are in
            log.waitUntilDurable(sequence)
            #expect(segment == 4 && log.durableSequence >= UInt64(expected.count))
            log.waitUntilDurable(log.append(Array("last".utf8)))
            expected.append(Array("last".utf8))
            log.close()
        }
        for number in 1...4 { #expect(FileManager.default.fileExists(atPath: directory + "/log.\(number)")) }
        let (log, recovery) = try DurableLog.open(directory: directory)
        defer { log.close() }
        #expect(recovery.records == expected)
        #expect(recovery.cutTail == nil)
        #expect(Self.size(directory + "/log.4") == LogRecovery.magic.count + RecordFrame.headerSize + 4)
    }
}
