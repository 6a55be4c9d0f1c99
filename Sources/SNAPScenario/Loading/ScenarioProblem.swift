import SNAPSim

/// One thing wrong with a scenario file: where (file and JSON pointer) and what to do about it.
public struct ScenarioProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file as it was named on the command line or found in a folder, e.g. `Scenarios/topup.json`.
    public var file: String
    /// Where in the file (RFC 6901); the empty pointer is the whole document.
    public var pointer: JSONPointer
    /// What is wrong and how to fix it.
    public var message: String

    public init(file: String, pointer: JSONPointer, message: String) {
        self.file = file
        self.pointer = pointer
        self.message = message
    }

    /// `Scenarios/topup.json /scenarios/2/steps/1/expect/status: expected a whole number from 100 to 599, got "200"`.
    public var description: String {
        pointer.tokens.isEmpty ? "\(file): \(message)" : "\(file) \(pointer): \(message)"
    }
}

/// Why scenarios were not run: every problem found in the files, in file order.
///
/// Nothing runs when any file is malformed, so a typo never turns into a silently skipped check
/// (`snapsim run` exits 2 with this list).
public struct ScenarioLoadError: Error, Sendable, CustomStringConvertible {
    public var problems: [ScenarioProblem]

    public init(problems: [ScenarioProblem]) {
        self.problems = problems
    }

    public var description: String {
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        return "scenarios not run, \(count):\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}

/// Collects problems while scenario files are read, so one pass reports all of them.
struct ScenarioProblems {
    private(set) var list: [ScenarioProblem] = []

    var isEmpty: Bool { list.isEmpty }

    mutating func add(_ node: ScenarioNode, _ message: String) {
        list.append(ScenarioProblem(file: node.file, pointer: node.pointer, message: message))
    }

    mutating func add(file: String, pointer: JSONPointer = JSONPointer(tokens: []), _ message: String) {
        list.append(ScenarioProblem(file: file, pointer: pointer, message: message))
    }

    mutating func append(contentsOf other: ScenarioProblems) {
        list += other.list
    }
}
