import SNAPSim
import SimJSON

/// One thing wrong with a scenario file: where (file and JSON pointer) and what to do about it.
public typealias ScenarioProblem = DocumentProblem

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
typealias ScenarioProblems = DocumentProblems
