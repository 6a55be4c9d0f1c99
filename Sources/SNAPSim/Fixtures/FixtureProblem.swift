/// One thing wrong with a fixture set: where (file and JSON pointer) and what to do about it.
public struct FixtureProblem: Sendable, Hashable, CustomStringConvertible {
    /// The fixture file's path relative to the fixture folder, e.g. `customers.json`.
    public var file: String
    /// Where in the file; the empty pointer is the whole document.
    public var pointer: JSONPointer
    /// What is wrong and how to fix it.
    public var message: String

    /// A problem at `pointer` in `file`.
    public init(file: String, pointer: JSONPointer, message: String) {
        self.file = file
        self.pointer = pointer
        self.message = message
    }

    /// `customers.json /customers/3/tier: unknown tier "gold" (known: basic, premium)`.
    public var description: String {
        pointer.tokens.isEmpty ? "\(file): \(message)" : "\(file) \(pointer): \(message)"
    }
}

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
struct FixtureProblems {
    private(set) var list: [FixtureProblem] = []

    var isEmpty: Bool { list.isEmpty }

    mutating func add(_ file: String, _ pointer: JSONPointer, _ message: String) {
        list.append(FixtureProblem(file: file, pointer: pointer, message: message))
    }

    mutating func add(_ node: FixtureNode, _ message: String) {
        add(node.file, node.pointer, message)
    }
}
