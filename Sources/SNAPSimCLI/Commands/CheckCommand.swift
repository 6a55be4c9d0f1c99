import SimJSON
import SNAPSim

/// `snapsim check DIR`: validates a fixture folder the way the simulator loads it.
struct CheckCommand: Command {
    static let name = "check"
    static let summary = "Validate a fixture folder and list every problem"
    static let help = """
        Usage: snapsim check DIR

        Loads every *.json file below DIR exactly as `snapsim serve --fixtures DIR` would and prints every
        problem found, each with its file, JSON pointer and what to do. Exits 0 with a summary when the set
        is valid, 1 when it has problems.
        """

    var directory: String

    init(parsing arguments: inout Arguments) throws(CLIError) {
        let positionals = try arguments.positionals()
        guard positionals.count == 1, let directory = positionals.first else {
            throw .usage(positionals.isEmpty ? "give the fixture folder to check" : "check takes one folder")
        }
        self.directory = directory
    }

    func run(console: any Console) async throws -> Int32 {
        do {
            let fixtures = try LoadedFixtures.load(directory: directory)
            console.out("\(directory): OK — \(fixtures.summary)")
            return 0
        } catch {
            for problem in error.problems { console.out(problem.description) }
            let count = error.problems.count
            console.err("\(directory): \(count) problem\(count == 1 ? "" : "s"); nothing would be loaded")
            return 1
        }
    }
}
