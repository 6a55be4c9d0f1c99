import Foundation
import SNAPScenario
import SNAPSim
import SimJSON
import SimLog
import Testing

/// Snapshot parts (format 3): a partner's large packed collections live in `part.N` files that a snapshot
/// writes only when they changed; a start reads them back whole or refuses, naming the file.
@Suite struct DurableSnapshotPartsTests {
    typealias State = DurableStateTests
    typealias Snapshots = DurableSnapshotTests

    /// `count` signed balance inquiries of the demo partner (one token), X-EXTERNAL-IDs `prefix0`, `prefix1`, …
    static func inquiries(_ simulator: Simulator, _ count: Int, prefix: String) throws -> [String] {
        let demo = try #require(LoadedFixtures.defaults.partners["snapsim-demo"])
        let signer = try PartnerSigner(partner: demo)
        let now = PartnerSigner.timestamp(simulator.clock.now())
        let tokenReply = simulator.respond(to: try signer.tokenRequest(timestamp: now))
        let token = try #require(try JSONParser.parse(Array(State.body(tokenReply).utf8)).objectValue?["accessToken"]?.stringValue)
        var answers: [String] = []
        for index in 0..<count {
            let payload = #"{"partnerReferenceNo":"Q\#(index)","accountNo":"12345678"}"#
            answers.append(State.body(simulator.respond(to: try signer.transactionRequest(
                method: .post, target: "/v1.0/balance-inquiry", body: Array(payload.utf8), token: token, timestamp: now,
                externalID: "\(prefix)\(index)"))))
        }
        return answers
    }

    static func parts(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("part.") }.sorted()
    }

    @Test func aSnapshotAfterReadsOnlyRestoresEveryExternalID_WritingOnlyThePartThatChanged() throws {
        let (plain, withSnapshots) = (State.directory(), State.directory())
        defer {
            try? FileManager.default.removeItem(atPath: plain)
            try? FileManager.default.removeItem(atPath: withSnapshots)
        }
        for directory in [plain, withSnapshots] {
            let (simulator, _) = try Snapshots.open(directory)
            let stateLog = try #require(simulator.options.stateLog)
            // Enough X-EXTERNAL-IDs (~40 bytes each packed) for the registry to be a part of its own.
            let answers = try Self.inquiries(simulator, 4000, prefix: "balance-inquiry-900000-")
            #expect(answers.allSatisfy { $0.contains(#""responseCode":"2001100""#) }, "\(answers[0])")
            if directory == withSnapshots {
                try simulator.takeSnapshot(stateLog)
                let first = try Self.parts(directory)
                #expect(!first.isEmpty)
                try simulator.takeSnapshot(stateLog)
                #expect(try Self.parts(directory) == first, "nothing changed: the same part files, none written")
                _ = try Self.inquiries(simulator, 3, prefix: "balance-inquiry-910000-")
                try simulator.takeSnapshot(stateLog)
                let second = try Self.parts(directory)
                #expect(second.count == first.count && second != first, "the registry changed: written anew, the old one deleted")
            } else {
                _ = try Self.inquiries(simulator, 3, prefix: "balance-inquiry-910000-")
            }
            stateLog.close()
        }
        let (replayed, _) = try Snapshots.open(plain)
        defer { replayed.options.stateLog?.close() }
        let (resumed, report) = try Snapshots.open(withSnapshots)
        defer { resumed.options.stateLog?.close() }
        #expect(report.fromSnapshot && report.replayed <= 2, "the snapshot covers the inquiries")
        #expect(try Snapshots.encodedStates(resumed) == (try Snapshots.encodedStates(replayed)))
        // Every X-EXTERNAL-ID of the day is still known: each one again is a conflict.
        let again = try Self.inquiries(resumed, 4000, prefix: "balance-inquiry-900000-") + (try Self.inquiries(resumed, 3, prefix: "balance-inquiry-910000-"))
        #expect(again.allSatisfy { $0.contains(#""responseCode":"4091100""#) }, "\(again.first { !$0.contains("409") } ?? "")")
    }

    /// Each whole chunk of 1,024 X-EXTERNAL-IDs is a part file of its own: written by the first snapshot that has
    /// it, named again by later ones; only the newest, partial chunk is written anew.
    @Test func wholeChunksOfExternalIDsAreWrittenOnce() throws {
        let directory = State.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (simulator, _) = try Snapshots.open(directory)
        let stateLog = try #require(simulator.options.stateLog)
        _ = try Self.inquiries(simulator, 2_500, prefix: "balance-inquiry-950000-")
        try simulator.takeSnapshot(stateLog)
        let first = try Self.parts(directory)
        #expect(first.count == 3, "two whole chunks and the newest 452 IDs: \(first)")
        _ = try Self.inquiries(simulator, 700, prefix: "balance-inquiry-960000-")
        try simulator.takeSnapshot(stateLog)
        let second = try Self.parts(directory)
        #expect(second.count == 4, "three whole chunks and the newest 128 IDs: \(second)")
        #expect(Set(first).intersection(second).count == 2, "the two whole chunks named again, not written: \(first) \(second)")
        stateLog.close()

        let (resumed, report) = try Snapshots.open(directory)
        #expect(report.fromSnapshot && report.replayed <= 2)
        let again = try Self.inquiries(resumed, 2_500, prefix: "balance-inquiry-950000-")
            + (try Self.inquiries(resumed, 700, prefix: "balance-inquiry-960000-"))
        #expect(again.allSatisfy { $0.contains(#""responseCode":"4091100""#) }, "\(again.first { !$0.contains("409") } ?? "")")
        resumed.options.stateLog?.close()

        // A reused chunk's file is needed like any part: missing, the start stops naming it.
        let reused = try #require(Set(first).intersection(second).sorted().first)
        let path = "\(directory)/\(reused)"
        try FileManager.default.removeItem(atPath: path)
        try DurableSnapshotFormatTests.expectRefusal(directory, containing: "\(path) is missing, and the snapshot needs it")
    }

    @Test func aDamagedOrMissingPartStopsTheStartNamingTheFile_AndChangesNothing() throws {
        let directory = State.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (simulator, _) = try Snapshots.open(directory)
        _ = try Self.inquiries(simulator, 4000, prefix: "balance-inquiry-920000-")
        try simulator.takeSnapshot(try #require(simulator.options.stateLog))
        simulator.options.stateLog?.close()
        let part = try #require(try Self.parts(directory).first)
        let path = "\(directory)/\(part)"
        var bytes = try #require(FileManager.default.contents(atPath: path))
        bytes[bytes.count / 2] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: path))
        try DurableSnapshotFormatTests.expectRefusal(directory, containing: "\(path) is damaged: its checksum does not match")
        #expect(FileManager.default.contents(atPath: path) == bytes)

        try FileManager.default.removeItem(atPath: path)
        try DurableSnapshotFormatTests.expectRefusal(directory, containing: "\(path) is missing, and the snapshot needs it")
    }

    @Test func aReadWeighsHalfARecordTowardsTheNextSnapshot() throws {
        let (below, due) = (State.directory(), State.directory())
        defer {
            try? FileManager.default.removeItem(atPath: below)
            try? FileManager.default.removeItem(atPath: due)
        }
        // A fresh directory logs 3 records (seed, fixtures, clock); the inquiries' token 1 more. Counted as records,
        // 6 inquiries make the 10 of `--snapshot-every 10`; weighed as reads, 12 do (3 + 1 + 12 × 1/2 = 10).
        let (first, _) = try Snapshots.open(below, snapshotEvery: 10)
        _ = try Self.inquiries(first, 11, prefix: "930000-")
        first.options.stateLog?.close()
        let (again, report) = try Snapshots.open(below)
        again.options.stateLog?.close()
        #expect(!report.fromSnapshot && report.replayed == 15, "11 reads weigh less than 6 records: no snapshot yet")

        let (second, _) = try Snapshots.open(due, snapshotEvery: 10)
        _ = try Self.inquiries(second, 12, prefix: "940000-")
        // The snapshot runs on a thread of its own: poll for the compaction it ends with.
        let deadline = Date().addingTimeInterval(60)
        while Snapshots.exists(due, "log") && Date() < deadline { usleep(2_000) }
        #expect(!Snapshots.exists(due, "log"), "12 reads weigh as much as 6 records: a snapshot")
        second.options.stateLog?.close()
    }
}
