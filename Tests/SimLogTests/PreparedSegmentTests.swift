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
}
