import Foundation
import SNAPSim
import SimLog
import Testing

/// The binary snapshot (format 2): partners unchanged since the last snapshot keep their bytes, and a snapshot
/// that is intact but unreadable (damaged before its checksum was taken, or of the JSON format 1) stops the
/// start with a clear message and leaves the directory as it was.
@Suite struct DurableSnapshotFormatTests {
    typealias State = DurableStateTests
    typealias Snapshots = DurableSnapshotTests

    /// Replaces the snapshot's payload with `payload`, with a checksum that matches it (so only the payload's
    /// reading can refuse it).
    static func rewriteSnapshot(_ directory: String, payload: [UInt8]) throws {
        let path = directory + "/snapshot"
        let old = [UInt8](try #require(FileManager.default.contents(atPath: path)))
        var bytes = Array(old.prefix(16))
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: UInt64(payload.count) >> UInt64(shift))) }
        let checksum = CRC32C.checksum(payload)
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: checksum >> UInt32(shift))) }
        try Data(bytes + payload).write(to: URL(fileURLWithPath: path))
    }

    static func snapshotPayload(_ directory: String) throws -> [UInt8] {
        Array(try #require(FileManager.default.contents(atPath: directory + "/snapshot")).dropFirst(28))
    }

    /// The start refuses with a message containing `expected`, and nothing in the directory changes.
    static func expectRefusal(_ directory: String, containing expected: String) throws {
        let listing = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        let snapshot = FileManager.default.contents(atPath: directory + "/snapshot")
        #expect {
            _ = try Snapshots.open(directory)
        } throws: { error in
            "\(error)".contains(expected) && "\(error)".contains("refusing to start")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == listing)
        #expect(FileManager.default.contents(atPath: directory + "/snapshot") == snapshot)
    }

    /// A directory holding one top-up and a snapshot after it.
    static func directoryWithSnapshot() throws -> String {
        let directory = State.directory()
        let (simulator, _) = try Snapshots.open(directory)
        _ = try State.topUp(simulator, reference: "F1", external: "7001")
        try simulator.takeSnapshot(try #require(simulator.options.stateLog))
        simulator.options.stateLog?.close()
        return directory
    }

    @Test func aSnapshotOfTheJSONFormatIsRefusedNamingItsFormat() throws {
        let directory = try Self.directoryWithSnapshot()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Format 1: kind byte 1, then the head's JSON and the partners' JSON, each length-prefixed.
        var payload: [UInt8] = [1]
        for json in [#"{"format":1}"#, "[]"] {
            for shift in stride(from: 0, to: 64, by: 8) { payload.append(UInt8(truncatingIfNeeded: UInt64(json.utf8.count) >> UInt64(shift))) }
            payload += Array(json.utf8)
        }
        try Self.rewriteSnapshot(directory, payload: payload)
        try Self.expectRefusal(directory, containing: "snapshot format 1 (JSON, written by an earlier version)")
    }

    @Test(arguments: [0.25, 0.5, 0.9])
    func aBinarySnapshotDamagedBeforeItsChecksumStopsTheStart(at fraction: Double) throws {
        let directory = try Self.directoryWithSnapshot()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var payload = try Self.snapshotPayload(directory)
        // Cut the payload short: the checksum matches, the documents do not read.
        payload = Array(payload.prefix(Int(Double(payload.count) * fraction)))
        try Self.rewriteSnapshot(directory, payload: payload)
        try Self.expectRefusal(directory, containing: "is intact but")
    }

    @Test func aPartnerDocumentThatDoesNotReadIsNamed() throws {
        let directory = try Self.directoryWithSnapshot()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var payload = try Self.snapshotPayload(directory)
        // The last byte of the last partner's document is its key table's offset: point it outside.
        payload[payload.count - 8] ^= 0xFF
        try Self.rewriteSnapshot(directory, payload: payload)
        try Self.expectRefusal(directory, containing: "the state of partner snapsim-demo does not read")
    }

    @Test func snapshotsReusingUnchangedPartnersRestoreTheSameStateAsAReplay() throws {
        let (plain, withSnapshots) = (State.directory(), State.directory())
        defer {
            try? FileManager.default.removeItem(atPath: plain)
            try? FileManager.default.removeItem(atPath: withSnapshots)
        }
        var payloads: [[UInt8]] = []
        for directory in [plain, withSnapshots] {
            let (simulator, _) = try Snapshots.open(directory)
            let stateLog = try #require(simulator.options.stateLog)
            _ = try State.topUp(simulator, reference: "R1", external: "8001")
            if directory == withSnapshots {
                try simulator.takeSnapshot(stateLog)
                payloads.append(try Self.snapshotPayload(directory))
                // Nothing changed: the partner's document is reused as it was.
                try simulator.takeSnapshot(stateLog)
                payloads.append(try Self.snapshotPayload(directory))
            }
            _ = try State.topUp(simulator, reference: "R2", external: "8002")
            if directory == withSnapshots {
                try simulator.takeSnapshot(stateLog)
                payloads.append(try Self.snapshotPayload(directory))
            }
            _ = try State.topUp(simulator, reference: "R3", external: "8003")
            stateLog.close()
        }
        #expect(payloads[0] == payloads[1])
        #expect(payloads[1] != payloads[2], "a partner that changed is encoded again")
        let (replayed, _) = try Snapshots.open(plain)
        defer { replayed.options.stateLog?.close() }
        let (resumed, report) = try Snapshots.open(withSnapshots)
        defer { resumed.options.stateLog?.close() }
        #expect(report.fromSnapshot)
        #expect(try Snapshots.encodedStates(resumed) == (try Snapshots.encodedStates(replayed)))
        for (reference, external) in [("R1", "8001"), ("R2", "8002"), ("R3", "8003")] {
            #expect(State.body(try State.topUp(resumed, reference: reference, external: external)).contains(#""responseCode":"4093800""#))
        }
    }
}
