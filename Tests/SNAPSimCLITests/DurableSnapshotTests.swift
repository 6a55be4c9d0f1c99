import Foundation
import SNAPSim
import SimHTTP
import SimJSON
import SimLog
import Testing

/// Snapshots and compaction of `serve --state DIR`: a start from a snapshot plus the log after it rebuilds the
/// same state as replaying the whole log, and the log the snapshot covers is deleted.
@Suite struct DurableSnapshotTests {
    typealias State = DurableStateTests

    static func open(_ directory: String, snapshotEvery: Int = 0) throws -> (Simulator, DurableStart.Report) {
        let clock = SimulatorClock.fixed(at: try #require(ISO8601Timestamp(State.start)).time)
        let files = DefaultFixtures.files.map { DurableRecord.FixtureFile(path: $0.path, contents: $0.contents) }
        return try DurableStart.open(
            directory: directory, fixtures: LoadedFixtures.defaults, files: files,
            options: SimulatorOptions(seed: 7, clock: clock, adminToken: State.admin), snapshotEvery: snapshotEvery)
    }

    static func exists(_ directory: String, _ name: String) -> Bool {
        FileManager.default.fileExists(atPath: "\(directory)/\(name)")
    }

    /// Everything a partner's state holds, as bytes (keys sorted), for comparing two simulators.
    static func encodedStates(_ simulator: Simulator) throws -> [String: Data] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var states: [String: Data] = [:]
        for clientId in simulator.partnersWithState {
            states[clientId] = try encoder.encode(try #require(simulator.partnerState(clientId)))
        }
        return states
    }

    /// The same admin commands and requests, on `simulator`; with `snapshotAfter`, a snapshot after the first
    /// `snapshotAfter` steps.
    static func drive(_ simulator: Simulator, snapshotAfter: Int?) throws {
        let stateLog = try #require(simulator.options.stateLog)
        var files: [(String, JSONValue)] = []
        for file in DefaultFixtures.files { files.append((file.path, .string(file.contents))) }
        let steps: [() throws -> Void] = [
            { _ = try State.topUp(simulator, reference: "S1", external: "3001") },
            { _ = simulator.respond(to: State.adminRequest(.post, "/_sim/fixtures", JSONValue.object(["files": .object(JSONObject(files))]).compactText)) },
            { _ = try State.topUp(simulator, reference: "S2", external: "3002") },
            { _ = simulator.respond(to: State.adminRequest(.post, "/_sim/faults", #"{"partner":"snapsim-demo","when":{"service":"e2pay-customer-account"},"then":{"httpStatus":503,"body":{"n":2.5e3}},"times":3}"#)) },
            { _ = simulator.respond(to: State.adminRequest(.post, "/_sim/clock", #"{"advance":"3h"}"#)) },
            { _ = try State.topUp(simulator, reference: "S3", external: "3003") },
            { _ = try State.topUp(simulator, reference: "S4", external: "3004") },
        ]
        for (index, step) in steps.enumerated() {
            if index == snapshotAfter { try simulator.takeSnapshot(stateLog) }
            try step()
        }
        if snapshotAfter == steps.count { try simulator.takeSnapshot(stateLog) }
    }

    @Test(arguments: [0, 2, 4, 7])
    func aStartFromASnapshotPlusTheLogAfterItEqualsAReplayOfTheWholeLog(snapshotAfter: Int) throws {
        let (plain, withSnapshot) = (State.directory(), State.directory())
        defer {
            try? FileManager.default.removeItem(atPath: plain)
            try? FileManager.default.removeItem(atPath: withSnapshot)
        }
        for (directory, snapshot) in [(plain, nil), (withSnapshot, snapshotAfter)] {
            let (simulator, _) = try Self.open(directory)
            try Self.drive(simulator, snapshotAfter: snapshot)
            simulator.options.stateLog?.close()
        }
        #expect(Self.exists(withSnapshot, "snapshot"))
        #expect(!Self.exists(withSnapshot, "log"), "the log the snapshot covers is deleted")
        #expect(!Self.exists(plain, "snapshot"))

        let (replayed, replayReport) = try Self.open(plain)
        defer { replayed.options.stateLog?.close() }
        let (resumed, report) = try Self.open(withSnapshot)
        defer { resumed.options.stateLog?.close() }
        #expect(report.fromSnapshot && !replayReport.fromSnapshot)
        #expect(report.replayed < replayReport.replayed)
        #expect(try Self.encodedStates(resumed) == (try Self.encodedStates(replayed)))
        #expect(!(try Self.encodedStates(resumed)).isEmpty)
        #expect(resumed.clock.now() == replayed.clock.now())
        #expect(resumed.fixtureGeneration == 2)
        for target in ["/_sim/accounts/081300000001?partner=snapsim-demo", "/_sim/faults?partner=snapsim-demo", "/_sim/clock"] {
            let answer = State.body(resumed.respond(to: State.adminRequest(.get, target)))
            #expect(answer == State.body(replayed.respond(to: State.adminRequest(.get, target))), "\(target)")
        }
        #expect(State.body(resumed.respond(to: State.adminRequest(.get, "/_sim/faults?partner=snapsim-demo"))).contains("2.5e3"))
        // Both go on alike: the next identifiers and answers are the same.
        let next = try State.topUp(resumed, reference: "S5", external: "3005")
        #expect(State.body(next) == State.body(try State.topUp(replayed, reference: "S5", external: "3005")))
        #expect(State.body(next).contains(#""responseCode":"2003800""#))
    }

    @Test func aRestartAfterASnapshotKeepsWhatCameBeforeAndAfterIt_AndRetriesStayRetries() throws {
        let directory = State.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (first, _) = try Self.open(directory)
        _ = try State.topUp(first, reference: "B1", external: "4001")
        try first.takeSnapshot(try #require(first.options.stateLog))
        _ = try State.topUp(first, reference: "B2", external: "4002")
        let balance = State.balance(first, "081300000001")
        first.options.stateLog?.close()

        let (second, report) = try Self.open(directory)
        #expect(report.resumed && report.fromSnapshot)
        #expect(State.balance(second, "081300000001") == balance)
        for (reference, external) in [("B1", "4001"), ("B2", "4002")] {
            let retried = try State.topUp(second, reference: reference, external: external)
            #expect(State.body(retried).contains(#""responseCode":"4093800""#), "\(reference) is a retry")
        }
        #expect(State.body(try State.topUp(second, reference: "B3", external: "4003")).contains(#""responseCode":"2003800""#))
        let after = State.balance(second, "081300000001")
        try second.takeSnapshot(try #require(second.options.stateLog))
        second.options.stateLog?.close()
        #expect(!Self.exists(directory, "log.1"), "each snapshot deletes the segments before it")

        let (third, _) = try Self.open(directory)
        defer { third.options.stateLog?.close() }
        #expect(State.balance(third, "081300000001") == after)
    }

    @Test func snapshotsAreTakenEveryNRecords_AndTheDirectoryStaysBounded() throws {
        let directory = State.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (first, _) = try Self.open(directory, snapshotEvery: 4)
        for index in 0..<12 { _ = try State.topUp(first, reference: "N\(index)", external: "\(5000 + index)") }
        // The snapshot runs on a thread of its own: poll for the compaction it ends with.
        let deadline = Date().addingTimeInterval(60)
        while Self.exists(directory, "log") && Date() < deadline { usleep(2_000) }
        #expect(!Self.exists(directory, "log"))
        let balance = State.balance(first, "081300000001")
        first.options.stateLog?.close()
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("log") }
        #expect(names.count <= 2, "\(names)")

        let (second, report) = try Self.open(directory, snapshotEvery: 4)
        defer { second.options.stateLog?.close() }
        #expect(report.fromSnapshot)
        #expect(State.balance(second, "081300000001") == balance)
    }

    @Test func aDamagedSnapshotStopsTheStartWithAClearMessage_AndChangesNothing() throws {
        let directory = State.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (first, _) = try Self.open(directory)
        _ = try State.topUp(first, reference: "D1", external: "6001")
        try first.takeSnapshot(try #require(first.options.stateLog))
        first.options.stateLog?.close()
        var bytes = try #require(FileManager.default.contents(atPath: directory + "/snapshot"))
        bytes[bytes.count - 3] ^= 0x20
        try bytes.write(to: URL(fileURLWithPath: directory + "/snapshot"))
        let listing = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect {
            _ = try Self.open(directory)
        } throws: { error in
            "\(error)".contains("snapshot is damaged: its checksum does not match")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == listing)
        #expect(FileManager.default.contents(atPath: directory + "/snapshot") == bytes)
    }
}
