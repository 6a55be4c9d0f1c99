import SimJSON

/// One thing wrong with a fixture set: where (file and JSON pointer) and what to do about it.
public typealias FixtureProblem = DocumentProblem

/// Why a fixture set was not loaded: every problem found, in file order.
///
/// Loading either returns a complete, valid ``LoadedFixtures`` or throws this; nothing is half-loaded.
public struct FixtureLoadError: Error, Sendable, CustomStringConvertible {
    /// Every problem, in file order.
    public var problems: [FixtureProblem]

    /// An error listing `problems`.
    public init(problems: [FixtureProblem]) {
        self.problems = problems
    }

    /// A count line, then one problem per line.
    public var description: String {
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        return "fixtures not loaded, \(count):\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}

/// Collects problems while a fixture set is read, so that one pass reports all of them.
typealias FixtureProblems = DocumentProblems
