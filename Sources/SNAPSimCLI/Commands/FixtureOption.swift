import SNAPSim

/// `--fixtures PATH`: which fixtures a command reads (the built-in defaults when absent).
struct FixtureOption: Sendable {
    static let help = "  --fixtures PATH   Read this fixture folder instead of the built-in defaults"

    var path: String?

    init(parsing arguments: inout Arguments) throws(CLIError) {
        path = try arguments.option("fixtures")
    }

    /// The fixtures chosen; a fixture folder with problems is an error listing them (exit 1).
    func load() throws(CLIError) -> LoadedFixtures {
        guard let path else {
            switch LoadedFixtures.embeddedResult {
            case .success(let fixtures): return fixtures
            case .failure(let error): throw CLIError("the built-in fixtures are invalid: \(error)")
            }
        }
        do {
            return try LoadedFixtures.load(directory: path)
        } catch {
            throw CLIError("\(path): \(error)\nRun `snapsim check \(path)` to see the problems again after fixing them.")
        }
    }
}
