import Synchronization
import Testing
@testable import SNAPSimCLI

/// Collects what a command prints.
final class RecordingConsole: Console {
    private let lines = Mutex<(out: [String], err: [String])>(([], []))
    var out: String { lines.withLock { $0.out.joined(separator: "\n") } }
    var err: String { lines.withLock { $0.err.joined(separator: "\n") } }
    func out(_ text: String) { lines.withLock { $0.out.append(text) } }
    func err(_ text: String) { lines.withLock { $0.err.append(text) } }
}

@Suite struct CLITests {
    @Test func unknownCommand_ExitsWithUsageStatus() async {
        let console = RecordingConsole()
        #expect(await CLI.run(["frobnicate"], console: console) == 64)
        #expect(console.err.contains("unknown command 'frobnicate'"))
    }

    @Test func help_ListsEveryCommand() async {
        let console = RecordingConsole()
        #expect(await CLI.run(["help"], console: console) == 0)
        for command in CLI.commands {
            #expect(console.out.contains(command.name))
        }
    }

    @Test func commandHelp_PrintsUsage() async {
        let console = RecordingConsole()
        #expect(await CLI.run(["serve", "--help"], console: console) == 0)
        #expect(console.out.contains("--port"))
    }

    @Test func badOption_ExitsWithUsageStatusAndNamesIt() async {
        let console = RecordingConsole()
        #expect(await CLI.run(["serve", "--port", "99999"], console: console) == 64)
        #expect(console.err.contains("--port"))
        #expect(await CLI.run(["serve", "--event-loops", "0"], console: console) == 64)
        #expect(console.err.contains("--event-loops takes a whole number from 1 to 64"))
        #expect(await CLI.run(["serve", "--bogus"], console: console) == 64)
        #expect(console.err.contains("unknown option --bogus"))
    }
}
