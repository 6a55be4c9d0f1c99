import Foundation
import SNAPScenario
import SNAPSim
import Synchronization

/// The shipped contract suite: the package's `Scenarios/` folder, found from this file's path so `swift test`
/// finds it from any working directory.
enum ContractSuite {
    static let folder: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scenarios").path

    /// The scenario files, relative to the folder (short names read well in test output).
    static let files: [String] = {
        let paths = (try? ScenarioLoader.files(at: [folder])) ?? []
        return paths.map { String($0.dropFirst(folder.count + 1)) }
    }()

    static func path(_ file: String) -> String { folder + "/" + file }
}

/// Runs scenario JSON in-process with the default fixtures.
enum ScenarioHarness {
    static func scenarios(_ json: String, file: String = "test.json") throws -> [Scenario] {
        try ScenarioLoader.load(file: file, text: json)
    }

    static func run(
        _ json: String, file: String = "test.json",
        configuration: RunConfiguration = RunConfiguration(fixtures: .defaults)
    )
        async throws -> RunSummary
    {
        let runner = try ScenarioRunner(configuration: configuration, scenarios: try scenarios(json, file: file))
        return await runner.run()
    }

    /// The console report of a run, line by line.
    static func consoleLines(_ json: String, file: String = "test.json") async throws -> [String] {
        let lines = LineRecorder()
        let reporter = ConsoleReporter(write: { lines.append($0) })
        let runner = try ScenarioRunner(
            configuration: RunConfiguration(fixtures: .defaults), scenarios: try scenarios(json, file: file))
        let summary = await runner.run(observe: { reporter.report($0) })
        reporter.finish(summary)
        return lines.lines
    }

    /// The problems a malformed file is reported with.
    static func problems(_ json: String, file: String = "bad.json") -> [ScenarioProblem] {
        do {
            _ = try ScenarioLoader.load(file: file, text: json)
            return []
        } catch {
            return error.problems
        }
    }
}

/// Collects lines written from any thread.
final class LineRecorder: Sendable {
    private let storage = Mutex<[String]>([])
    var lines: [String] { storage.withLock { $0 } }
    func append(_ line: String) { storage.withLock { $0.append(line) } }
}

/// Request bodies the tests reuse.
enum Bodies {
    static let inquiry =
        #"{"partnerReferenceNo": "T-1", "customerNumber": "081977817902", "amount": {"value": "10000.00", "currency": "IDR"}, "transactionDate": "${now}"}"#
}
