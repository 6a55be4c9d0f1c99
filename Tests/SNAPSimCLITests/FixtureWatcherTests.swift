import Foundation
import Synchronization
import Testing

@testable import SNAPSim
@testable import SNAPSimCLI

/// `snapsim serve --watch`: the folder is reloaded when it changes, and a broken version is refused.
@Suite(.serialized) struct FixtureWatcherTests {
    /// A fresh copy of the default fixtures; the caller removes it.
    static func copyOfDefaults() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("snapsim-watch-\(UUID().uuidString)")
        for file in DefaultFixtures.files {
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.contents.write(to: url, atomically: true, encoding: .utf8)
        }
        return folder.path
    }

    static func edit(_ folder: String, _ path: String, _ change: (String) -> String) throws {
        let url = URL(fileURLWithPath: folder).appendingPathComponent(path)
        try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
    }

    static func customerName(_ simulator: Simulator) -> String? {
        simulator.fixtures.ledger.customer("081234560001")?.customer.name
    }

    @Test func poll_ReloadsAChangedFolder_AndRefusesABrokenOne() throws {
        let folder = try Self.copyOfDefaults()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let simulator = Simulator(fixtures: try LoadedFixtures.load(directory: folder))
        let log = Mutex<[String]>([])
        let watcher = FixtureWatcher(directory: folder, simulator: simulator) { line in log.withLock { $0.append(line) } }

        #expect(!watcher.poll())
        try Self.edit(folder, "customers.json") { $0.replacingOccurrences(of: "Ani Wijaya", with: "Ani Reloaded") }
        #expect(watcher.poll())
        #expect(simulator.fixtureGeneration == 2)
        #expect(Self.customerName(simulator) == "Ani Reloaded")
        #expect(log.withLock { $0.last }?.contains("reloaded") == true)

        try Self.edit(folder, "tiers.json") { _ in #"{"tiers": ["# }
        try Self.edit(folder, "customers.json") { $0.replacingOccurrences(of: "Ani Reloaded", with: "Ani Broken") }
        #expect(watcher.poll())
        #expect(simulator.fixtureGeneration == 2)
        #expect(Self.customerName(simulator) == "Ani Reloaded")
        let refusal = try #require(log.withLock { $0.last })
        #expect(refusal.contains("not reloaded; still serving generation 2"))
        #expect(refusal.contains("tiers.json"))
        // An unchanged folder is not reported again.
        #expect(!watcher.poll())
        #expect(log.withLock { $0.count } == 2)
    }

    @Test func timer_ReloadsWithoutBeingAsked() async throws {
        let folder = try Self.copyOfDefaults()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let simulator = Simulator(fixtures: try LoadedFixtures.load(directory: folder))
        let watcher = FixtureWatcher(directory: folder, simulator: simulator, interval: .milliseconds(50)) { _ in }
        watcher.start()
        defer { watcher.stop() }
        try Self.edit(folder, "customers.json") { $0.replacingOccurrences(of: "Ani Wijaya", with: "Ani Timed") }
        let deadline = ContinuousClock.now + .seconds(60)  // a ceiling: a loaded machine reloads slowly
        while simulator.fixtureGeneration == 1, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(Self.customerName(simulator) == "Ani Timed")
    }

    @Test func watch_NeedsAFixtureFolder() async {
        let console = RecordingConsole()
        #expect(await CLI.run(["serve", "--watch"], console: console) == 64)
        #expect(console.err.contains("--fixtures"))
        #expect(await CLI.run(["serve", "--journal-size", "0"], console: console) == 64)
    }
}
