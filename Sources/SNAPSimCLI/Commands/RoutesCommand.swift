import SNAPSim
import SimHTTP

/// `snapsim routes`: which method and path mean which service, per profile.
struct RoutesCommand: Command {
    static let name = "routes"
    static let summary = "List the method and path of every service, per profile"
    static let help = """
        Usage: snapsim routes [--fixtures PATH]

        Lists the routes of every profile: method, path, the service it means and the security checks run.
        When profiles share a path the default profile's route is listed first and answers.

        \(FixtureOption.help)
        """

    var fixtures: FixtureOption

    init(parsing arguments: inout Arguments) throws(CLIError) {
        fixtures = try FixtureOption(parsing: &arguments)
    }

    func run(console: any Console) async throws -> Int32 {
        let rows = try fixtures.load().router.entries.map { entry in
            [entry.route.profile, entry.method.rawValue, entry.path, "\(entry.route.serviceName) (\(entry.route.serviceCode))",
                entry.route.security.rawValue]
        }
        console.out(TextTable.render(header: ["PROFILE", "METHOD", "PATH", "SERVICE", "SECURITY"], rows: rows).joined(separator: "\n"))
        return 0
    }
}
