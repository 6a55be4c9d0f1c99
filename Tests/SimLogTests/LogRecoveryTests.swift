@testable import SimLog
import Testing

@Suite struct LogRecoveryTests {
    static func file(_ payloads: [[UInt8]]) -> [UInt8] {
        var bytes = LogRecovery.magic
        for payload in payloads { RecordFrame.append(payload, to: &bytes) }
        return bytes
    }

    let payloads: [[UInt8]] = [Array("one".utf8), Array(repeating: 7, count: 300), Array("three".utf8)]

    @Test func readsEveryIntactRecord() throws {
        let (recovery, cut) = try LogRecovery.read(Self.file(payloads), file: "log")
        #expect(recovery.records == payloads)
        #expect(cut == nil)
        #expect(recovery.cutTail == nil)
    }

    @Test func cutsATornTailAtEveryLength() throws {
        let whole = Self.file(payloads)
        let lastStart = Self.file(Array(payloads.prefix(2))).count
        for length in lastStart..<whole.count {
            let (recovery, cut) = try LogRecovery.read(Array(whole.prefix(length)), file: "log")
            #expect(recovery.records == Array(payloads.prefix(2)))
            #expect(cut == (length == lastStart ? nil : lastStart))
            #expect((recovery.cutTail != nil) == (length != lastStart))
        }
    }

    @Test func cutsACorruptLastRecordAndAZeroFilledTail() throws {
        var corrupt = Self.file(payloads)
        corrupt[corrupt.count - 1] ^= 0x01
        let (recovery, cut) = try LogRecovery.read(corrupt, file: "log")
        #expect(recovery.records == Array(payloads.prefix(2)))
        #expect(cut == Self.file(Array(payloads.prefix(2))).count)

        let zeros = Self.file(payloads) + [UInt8](repeating: 0, count: 4096)
        let (afterZeros, zeroCut) = try LogRecovery.read(zeros, file: "log")
        #expect(afterZeros.records == payloads)
        #expect(zeroCut == Self.file(payloads).count)
    }

    @Test func refusesDamageFollowedByAnIntactRecord() {
        var bytes = Self.file(payloads)
        bytes[LogRecovery.magic.count + RecordFrame.headerSize] ^= 0xFF  // the first record's payload
        #expect(throws: LogError.self) { try LogRecovery.read(bytes, file: "log") }
    }

    @Test func refusesAFileThatIsNotALog() {
        #expect(throws: LogError.self) { try LogRecovery.read(Array("{\"not\": \"a log\"}".utf8), file: "log") }
    }

    @Test func treatsAnIncompleteHeaderAsEmpty() throws {
        let (recovery, cut) = try LogRecovery.read(Array(LogRecovery.magic.prefix(3)), file: "log")
        #expect(recovery.records.isEmpty)
        #expect(cut == 0)
    }
}

/// Frames appended without their checksum (on the appending thread) and sealed by the log's writer, a batch at a
/// time, read back as the frames ``RecordFrame/append(_:to:)`` writes; unsealed, every one is damage.
@Suite struct SealedFrameTests {
    @Test func framesSealedInABatchAreTheFramesWrittenWhole() throws {
        let payloads: [[UInt8]] = [Array("one".utf8), Array(repeating: 7, count: 300), [0], Array("three".utf8)]
        var unsealed: [UInt8] = []
        for payload in payloads { RecordFrame.appendUnsealed(payload, to: &unsealed) }
        var whole: [UInt8] = []
        for payload in payloads { RecordFrame.append(payload, to: &whole) }
        #expect(unsealed != whole)
        #expect(try LogRecovery.read(LogRecovery.magic + unsealed, file: "log").0.records.isEmpty)

        unsealed.withUnsafeMutableBytes { RecordFrame.seal($0) }
        #expect(unsealed == whole)
        let (recovery, cut) = try LogRecovery.read(LogRecovery.magic + unsealed, file: "log")
        #expect(recovery.records == payloads)
        #expect(cut == nil)
    }
}
