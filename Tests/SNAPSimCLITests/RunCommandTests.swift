import Foundation
import Testing

@testable import SNAPSimCLI

/// `snapsim run`: exit 0 when every scenario passes, 1 when one fails, 2 when a file is malformed.
@Suite struct RunCommandTests {
    static let passing =
        #"{"name": "passes", "steps": [{"service": "balance-inquiry", "body": {"accountNo": "12345678"}, "expect": {"status": 200, "responseCode": "2001100"}}]}"#
    static let failing =
        #"{"name": "fails", "steps": [{"service": "balance-inquiry", "body": {"accountNo": "12345678"}, "expect": {"status": 404}}]}"#
    static let malformed =
        #"{"name": "broken", "steps": [{"service": "balance-inquiry", "expect": {"status": "two hundred"}}]}"#

    /// A fresh folder with the given files.
    private static func folder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("snapsim-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        return folder
    }

    @Test func run_ExitsZero_WhenEveryScenarioPasses() async throws {
        let folder = try Self.folder(["passing.json": Self.passing])
        defer { try? FileManager.default.removeItem(at: folder) }
        let console = RecordingConsole()
        #expect(await CLI.run(["run", folder.path], console: console) == 0)
        #expect(console.out.contains("    ✓ 1 balance-inquiry — HTTP 200 2001100"))
        #expect(console.out.hasSuffix("\n1 passed, 0 failed"))
        #expect(console.err.isEmpty)
    }

    @Test func run_ExitsOne_WhenAScenarioFails_AndWritesJUnit() async throws {
        let folder = try Self.folder(["a-passing.json": Self.passing, "b-failing.json": Self.failing])
        defer { try? FileManager.default.removeItem(at: folder) }
        let junit = folder.appendingPathComponent("report.xml")
        let console = RecordingConsole()
        #expect(await CLI.run(["run", folder.path, "--junit", junit.path], console: console) == 1)
        #expect(console.out.contains("    ✗ 1 balance-inquiry — HTTP 200 2001100"))
        #expect(console.out.hasSuffix("\n1 passed, 1 failed"))
        let xml = try String(contentsOf: junit, encoding: .utf8)
        #expect(xml.contains(#"<testsuites name="snapsim run" tests="2" failures="1""#))
        #expect(xml.contains(#"message="step 1 balance-inquiry: status expected 404, got 200""#))
    }

    @Test func run_ExitsTwo_NamingFileAndPointer_WhenAFileIsMalformed() async throws {
        let folder = try Self.folder(["passing.json": Self.passing, "broken.json": Self.malformed])
        defer { try? FileManager.default.removeItem(at: folder) }
        let console = RecordingConsole()
        #expect(await CLI.run(["run", folder.path], console: console) == 2)
        #expect(console.err.contains("broken.json /steps/0/expect/status: expected a whole number from 100 to 599"))
        #expect(console.out.isEmpty, "nothing runs when a file is malformed")
        #expect(await CLI.run(["run", folder.path + "/nowhere.json"], console: console) == 2)
        #expect(console.err.contains("nowhere.json: no such file or folder"))
        // A scenario naming a partner the fixtures lack is refused before the run, the same way.
        let unknown = try Self.folder([
            "who.json": #"{"name": "who", "partner": "ghost", "steps": [{"service": "balance-inquiry"}]}"#
        ])
        defer { try? FileManager.default.removeItem(at: unknown) }
        #expect(await CLI.run(["run", unknown.path], console: console) == 2)
        #expect(console.err.contains("who.json /partner: no partner ghost in the fixtures"))
    }

    @Test func run_RunsOnlyMatchingScenarios_WithFilter() async throws {
        let folder = try Self.folder(["a.json": Self.passing, "b.json": Self.failing])
        defer { try? FileManager.default.removeItem(at: folder) }
        let console = RecordingConsole()
        #expect(await CLI.run(["run", folder.path, "--filter", "PASSES"], console: console) == 0)
        #expect(!console.out.contains("fails"))
        #expect(await CLI.run(["run", folder.path, "--filter", "nothing-like-it"], console: console) == 1)
        #expect(console.err.contains("no scenario matches --filter nothing-like-it"))
    }

    @Test func run_RefusesTargetOptions_WithoutTarget() async {
        let console = RecordingConsole()
        #expect(await CLI.run(["run", "--admin-token", "t"], console: console) == 64)
        #expect(await CLI.run(["run", "--partner", "me"], console: console) == 64)
        #expect(await CLI.run(["run", "--target", "localhost:7788"], console: console) == 64)
        #expect(console.err.contains("--target takes a base URL"))
    }
}
