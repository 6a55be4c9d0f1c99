import Foundation
import SNAPSim
import SimHTTP
import SimJSON
import SimLog
import Testing

/// The fast replay of a durable start (signatures its records prove are not checked again; only the requests
/// the journal keeps are rendered and journaled): the state it rebuilds is the served one, byte for byte, and
/// the journal holds the same last entries, verdicts included.
@Suite struct DurableReplayTests {
    typealias State = DurableStateTests

    static func open(_ directory: String, journalCapacity: Int) throws -> (Simulator, DurableStart.Report) {
        let clock = SimulatorClock.fixed(at: try #require(ISO8601Timestamp(State.start)).time)
        let files = DefaultFixtures.files.map { DurableRecord.FixtureFile(path: $0.path, contents: $0.contents) }
        return try DurableStart.open(
            directory: directory, fixtures: LoadedFixtures.defaults, files: files,
            options: SimulatorOptions(seed: 7, clock: clock, adminToken: State.admin, journalCapacity: journalCapacity),
            snapshotEvery: 0)
    }

    /// A partner's journal entries as JSON text, without their sequence numbers (which count every request the
    /// served simulator journaled, the refused ones a replay never sees included).
    static func journal(_ simulator: Simulator, _ partner: String) -> [String] {
        simulator.journalEntries(matching: JournalFilter(partner: partner)).map { entry in
            var entry = entry
            entry.sequence = 0
            return entry.json.compactText
        }
    }

    @Test(arguments: [3, 500])
    func aReplayedStateIsTheServedOne_AndTheJournalKeepsTheSameLastEntries(journalCapacity: Int) throws {
        let directory = State.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (served, _) = try Self.open(directory, journalCapacity: journalCapacity)
        // Token requests and top-ups (each top-up takes a fresh token), a retry refused under the partner's lock
        // (logged), an admin command between requests, then more of both.
        for index in 0..<5 { _ = try State.topUp(served, reference: "R\(index)", external: "\(7000 + index)") }
        let retry = try State.topUp(served, reference: "R0", external: "7000")
        #expect(State.body(retry).contains(#""responseCode":"4093800""#))
        _ = served.respond(to: State.adminRequest(.post, "/_sim/clock", #"{"advance":"1h"}"#))
        for index in 5..<8 { _ = try State.topUp(served, reference: "R\(index)", external: "\(7000 + index)") }
        let states = try DurableSnapshotTests.encodedStates(served)
        let journal = Self.journal(served, "snapsim-demo")
        let balance = State.balance(served, "081300000001")
        served.options.stateLog?.close()

        let (replayed, report) = try Self.open(directory, journalCapacity: journalCapacity)
        defer { replayed.options.stateLog?.close() }
        #expect(report.replayed >= 2 * 9 + 2)
        #expect(try DurableSnapshotTests.encodedStates(replayed) == states)
        #expect(!states.isEmpty)
        #expect(State.balance(replayed, "081300000001") == balance)
        #expect(journal.count == min(journalCapacity, 2 * 9))
        #expect(Self.journal(replayed, "snapsim-demo") == journal)
        // The verdicts a replay worked out again name the string-to-sign that verified, as the served ones do.
        #expect(Self.journal(replayed, "snapsim-demo").last?.contains("stringToSign") == true)
        // And both go on alike.
        let next = try State.topUp(replayed, reference: "R9", external: "7009")
        #expect(State.body(next).contains(#""responseCode":"2003800""#))
    }
}
