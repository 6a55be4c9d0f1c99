import Foundation
import SimLog
import Synchronization
import Testing

@Suite struct DurableLogTests {
    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "simlog-\(UInt64.random(in: 0...UInt64.max))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func recordsSurviveReopening() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (log, first) = try DurableLog.open(directory: directory)
        #expect(first.records.isEmpty)
        var last: UInt64 = 0
        for index in 0..<100 { last = log.append(Array("record \(index)".utf8)) }
        #expect(last == 100)
        log.waitUntilDurable(last)
        #expect(log.durableSequence == 100)
        log.close()

        let (again, recovery) = try DurableLog.open(directory: directory)
        #expect(recovery.records.count == 100)
        #expect(recovery.records.last == Array("record 99".utf8))
        #expect(again.append(Array("next".utf8)) == 101)
        again.close()
    }

    @Test func concurrentAppendsShareFsyncsAndAllBecomeDurable() async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (log, _) = try DurableLog.open(directory: directory)
        let reported = Counter()
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in 0..<200 {
                        let sequence = log.append(Array("\(task)-\(index)".utf8))
                        if !log.whenDurable(sequence, { reported.add() }) {
                            reported.add()
                        }
                    }
                }
            }
        }
        log.waitUntilDurable(1600)
        log.close()
        #expect(reported.value.load(ordering: .relaxed) == 1600)
        let (reopened, recovery) = try DurableLog.open(directory: directory)
        #expect(Set(recovery.records.map { String(decoding: $0, as: UTF8.self) }).count == 1600)
        reopened.close()
    }

    @Test func aSecondOpenerIsRefused() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (log, _) = try DurableLog.open(directory: directory)
        #expect(throws: LogError.self) { try DurableLog.open(directory: directory) }
        log.close()
    }

    @Test func aTornTailIsCutOnDiskAndReported() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let (log, _) = try DurableLog.open(directory: directory)
            log.waitUntilDurable(log.append(Array("kept".utf8)))
            log.close()
        }
        let handle = try #require(FileHandle(forWritingAtPath: directory + "/log"))
        handle.seekToEndOfFile()
        handle.write(Data([200, 0, 0, 0, 1, 2, 3, 4, 9, 9]))  // a header promising 200 bytes, then 2
        handle.closeFile()

        let (log, recovery) = try DurableLog.open(directory: directory)
        #expect(recovery.records == [Array("kept".utf8)])
        #expect(recovery.cutTail != nil)
        log.close()
        let (_, clean) = try DurableLog.open(directory: directory)
        #expect(clean.cutTail == nil)
    }

    @Test func damageInTheMiddleLeavesTheFileUntouched() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let (log, _) = try DurableLog.open(directory: directory)
            log.append(Array("first".utf8))
            log.waitUntilDurable(log.append(Array("second".utf8)))
            log.close()
        }
        var bytes = try #require(FileManager.default.contents(atPath: directory + "/log"))
        bytes[LogRecovery.magic.count + RecordFrame.headerSize] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: directory + "/log"))
        #expect(throws: LogError.self) { try DurableLog.open(directory: directory) }
        #expect(FileManager.default.contents(atPath: directory + "/log") == bytes)
    }
}

final class Counter: Sendable {
    let value = Atomic<Int>(0)
    func add() { value.wrappingAdd(1, ordering: .relaxed) }
}
