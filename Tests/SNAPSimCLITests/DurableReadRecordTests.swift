import Foundation
import SNAPScenario
import SNAPSim
import SimHTTP
import SimJSON
import SimLog
import Testing

/// `serve --state DIR --journal-in-memory`: a balance inquiry is logged as what it changed (its X-EXTERNAL-ID and
/// the partner's identifier stream), ~40 bytes; the replay rebuilds the served state byte for byte, every
/// X-EXTERNAL-ID stays a conflict, and the journal starts empty. With a forced outcome on the partner a read is
/// logged whole, since a forced outcome counts its answers.
@Suite struct DurableReadRecordTests {
    typealias State = DurableStateTests
    typealias Snapshots = DurableSnapshotTests
    typealias Parts = DurableSnapshotPartsTests

    static func open(_ directory: String, keepsJournal: Bool, snapshotEvery: Int = 0) throws -> (Simulator, DurableStart.Report) {
        let clock = SimulatorClock.fixed(at: try #require(ISO8601Timestamp(State.start)).time)
        let files = DefaultFixtures.files.map { DurableRecord.FixtureFile(path: $0.path, contents: $0.contents) }
        return try DurableStart.open(
            directory: directory, fixtures: LoadedFixtures.defaults, files: files,
            options: SimulatorOptions(seed: 7, clock: clock, adminToken: State.admin), snapshotEvery: snapshotEvery,
            keepsJournal: keepsJournal)
    }

    /// Log bytes `body` adds per balance inquiry it sends (`count`).
    static func logBytes(_ simulator: Simulator, per count: Int, _ body: () throws -> Void) throws -> Int {
        let log = try #require(simulator.options.stateLog).log
        let before = log.size
        try body()
        return (log.size - before) / count
    }

    @Test(arguments: [false, true])
    func readsLoggedAsWhatTheyChangedReplayToTheServedState(keepsJournal: Bool) throws {
        let directory = State.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (served, _) = try Self.open(directory, keepsJournal: keepsJournal)
        _ = try State.topUp(served, reference: "T1", external: "5001")
        // Each inquiry helper call takes a token (a whole record) first, then logs `count` reads.
        let perRead = try Self.logBytes(served, per: 200) {
            let answers = try Parts.inquiries(served, 200, prefix: "read-")
            #expect(answers.allSatisfy { $0.contains(#""responseCode":"2001100""#) }, "\(answers[0])")
        }
        if keepsJournal { #expect(perRead > 300, "a read's whole request: \(perRead) bytes") } else {
            #expect(perRead < 60, "a read's X-EXTERNAL-ID, partner, instant and stream position: \(perRead) bytes")
        }
        // Refused reads (a conflict), an admin command, a top-up between reads, then a read under a forced
        // outcome (logged whole: the outcome counts its answers) and after it.
        let conflicts = try Parts.inquiries(served, 3, prefix: "read-")
        #expect(conflicts.allSatisfy { $0.contains(#""responseCode":"4091100""#) })
        _ = served.respond(to: State.adminRequest(.post, "/_sim/clock", #"{"advance":"2h"}"#))
        _ = try State.topUp(served, reference: "T2", external: "5002")
        let fault = #"{"partner":"snapsim-demo","when":{"service":"balance-inquiry"},"then":{"httpStatus":503,"body":{"n":1}},"times":2}"#
        #expect(State.body(served.respond(to: State.adminRequest(.post, "/_sim/faults", fault))).contains("fault-"))
        let forced = try Self.logBytes(served, per: 3) { _ = try Parts.inquiries(served, 3, prefix: "forced-") }
        #expect(forced > 200, "reads under a forced outcome are logged whole: \(forced) bytes each")
        _ = try Parts.inquiries(served, 50, prefix: "after-")
        let states = try Snapshots.encodedStates(served)
        let journaled = DurableReplayTests.journal(served, "snapsim-demo").count
        served.options.stateLog?.close()

        let (replayed, report) = try Self.open(directory, keepsJournal: keepsJournal)
        defer { replayed.options.stateLog?.close() }
        #expect(report.resumed)
        #expect(try Snapshots.encodedStates(replayed) == states)
        #expect(DurableReplayTests.journal(replayed, "snapsim-demo").count == (keepsJournal ? journaled : 0))
        for prefix in ["read-", "after-"] {
            let again = try Parts.inquiries(replayed, prefix == "read-" ? 200 : 50, prefix: prefix)
            #expect(again.allSatisfy { $0.contains(#""responseCode":"4091100""#) }, "\(again.first { !$0.contains("409") } ?? "")")
        }
    }

    @Test(arguments: [false, true])
    func readsLoggedAsWhatTheyChangedSurviveASnapshot(keepsJournal: Bool) throws {
        let (plain, withSnapshots) = (State.directory(), State.directory())
        defer {
            try? FileManager.default.removeItem(atPath: plain)
            try? FileManager.default.removeItem(atPath: withSnapshots)
        }
        for directory in [plain, withSnapshots] {
            let (simulator, _) = try Self.open(directory, keepsJournal: keepsJournal)
            _ = try Parts.inquiries(simulator, 1_500, prefix: "snap-")
            // Reads only: the first one opens the ledger, which the read's record must say.
            if directory == withSnapshots { try simulator.takeSnapshot(try #require(simulator.options.stateLog)) }
            _ = try Parts.inquiries(simulator, 20, prefix: "late-")
            simulator.options.stateLog?.close()
        }
        let (replayed, _) = try Self.open(plain, keepsJournal: keepsJournal)
        defer { replayed.options.stateLog?.close() }
        let (resumed, report) = try Self.open(withSnapshots, keepsJournal: keepsJournal)
        defer { resumed.options.stateLog?.close() }
        #expect(report.fromSnapshot)
        #expect(try Snapshots.encodedStates(resumed) == (try Snapshots.encodedStates(replayed)))
        let again = try Parts.inquiries(resumed, 20, prefix: "late-") + (try Parts.inquiries(resumed, 1_500, prefix: "snap-"))
        #expect(again.allSatisfy { $0.contains(#""responseCode":"4091100""#) })
    }
}
