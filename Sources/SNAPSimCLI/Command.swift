/// A `snapsim` subcommand: parses its own arguments, then runs.
public protocol Command: Sendable {
    /// The word that selects it, e.g. `serve`.
    static var name: String { get }
    /// One line for the command list.
    static var summary: String { get }
    /// Full usage text for `snapsim help NAME` and `NAME --help`.
    static var help: String { get }

    /// Reads the command's options; throws a usage error for anything it does not understand.
    init(parsing arguments: inout Arguments) throws(CLIError)

    /// Does the work and returns the process exit status.
    func run(console: any Console) async throws -> Int32
}
