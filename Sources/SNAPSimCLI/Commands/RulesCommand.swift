import SNAPSim

/// `snapsim rules`: the rules (magic values) in the order they are tried.
struct RulesCommand: Command {
    static let name = "rules"
    static let summary = "List the rules (magic values) in the order they are tried"
    static let help = """
        Usage: snapsim rules [--fixtures PATH]

        Lists every rule in order: the first rule whose conditions all hold answers the request.

        \(FixtureOption.help)
        """

    var fixtures: FixtureOption

    init(parsing arguments: inout Arguments) throws(CLIError) {
        fixtures = try FixtureOption(parsing: &arguments)
    }

    func run(console: any Console) async throws -> Int32 {
        let rules = try fixtures.load().rules.rules
        guard !rules.isEmpty else {
            console.out("No rules: every request gets the service's own answer.")
            return 0
        }
        var blocks: [String] = []
        for (index, rule) in rules.enumerated() {
            var lines = ["\(index + 1). \(rule.id)  (\(rule.origin))"]
            if let description = rule.description { lines.append("   \(description)") }
            lines.append("   when: " + rule.conditions.map(\.summary).joined(separator: " and "))
            lines.append("   then: " + rule.outcome.summary)
            if let step = rule.scenario { lines.append("   " + step.summary) }
            blocks.append(lines.joined(separator: "\n"))
        }
        console.out(blocks.joined(separator: "\n"))
        return 0
    }
}
