/// The `snapsim` command line: picks the subcommand, runs it, and turns errors into messages and exit codes.
public enum CLI {
    /// Every subcommand, in the order `snapsim help` lists them.
    public static let commands: [any Command.Type] = [
        ServeCommand.self,
        CheckCommand.self,
        CodesCommand.self,
        RulesCommand.self,
        RoutesCommand.self,
        SignCommand.self,
        RunCommand.self,
        QRISCommand.self,
        PayCommand.self,
        KeysCommand.self,
        OpenAPICommand.self,
        E2PayCommand.self,
    ]

    /// Runs `snapsim` with `arguments` (without the program name) and returns the exit status.
    public static func run(_ arguments: [String], console: any Console = StandardConsole()) async -> Int32 {
        guard let name = arguments.first, name != "--help", name != "-h" else {
            console.out(overview)
            return arguments.isEmpty ? 64 : 0
        }
        if name == "help" {
            guard let topic = arguments.dropFirst().first else {
                console.out(overview)
                return 0
            }
            guard let command = command(named: topic) else {
                console.err("snapsim: no command named '\(topic)'\n\n\(overview)")
                return 64
            }
            console.out(command.help)
            return 0
        }
        if name == "--version" {
            console.out(version)
            return 0
        }
        guard let commandType = command(named: name) else {
            console.err("snapsim: unknown command '\(name)'. Run `snapsim help` to see the commands.")
            return 64
        }
        var commandArguments = Arguments(Array(arguments.dropFirst()))
        if commandArguments.flag("help") {
            console.out(commandType.help)
            return 0
        }
        do {
            let command = try commandType.init(parsing: &commandArguments)
            try commandArguments.finish()
            return try await command.run(console: console)
        } catch let error as CLIError {
            console.err("snapsim \(name): \(error.message)")
            if error.exitCode == 64 { console.err("Run `snapsim help \(name)` for usage.") }
            return error.exitCode
        } catch {
            console.err("snapsim \(name): \(error)")
            return 1
        }
    }

    public static let version = "snapsim 0.1.0"

    static func command(named name: String) -> (any Command.Type)? {
        commands.first { $0.name == name }
    }

    static var overview: String {
        let width = commands.map { $0.name.count }.max() ?? 0
        let lines = commands.map { "  \($0.name.padding(to: width))  \($0.summary)" }
        return """
            snapsim — a local simulator of Bank Indonesia SNAP payment APIs for integration tests.

            Usage: snapsim <command> [options]

            Commands:
            \(lines.joined(separator: "\n"))

            Run `snapsim help <command>` for a command's options.
            """
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
