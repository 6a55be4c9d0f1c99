import SNAPSim
import SimHTTP

/// `snapsim codes`: every response code each service can answer, and how to get it.
struct CodesCommand: Command {
    static let name = "codes"
    static let summary = "List the response codes each service can answer and how to reach them"
    static let help = """
        Usage: snapsim codes [--service NAME] [--fixtures PATH]

        For each service a profile serves, lists every answer: the security pipeline's, the shared steps'
        (permission, body), the service's own validation and ledger behaviour, and the magic values of the
        rules (with the request that triggers them).

          --service NAME    Only this service (name such as emoney-account-inquiry, or code such as 37)
        \(FixtureOption.help)
        """

    var service: String?
    var fixtures: FixtureOption

    init(parsing arguments: inout Arguments) throws(CLIError) {
        service = try arguments.option("service")
        fixtures = try FixtureOption(parsing: &arguments)
    }

    func run(console: any Console) async throws -> Int32 {
        let fixtures = try fixtures.load()
        var services = ServiceDescriptor.all.filter { descriptor in
            fixtures.router.entries.contains { $0.route.serviceName == descriptor.name }
        }
        if let service {
            guard let descriptor = ServiceDescriptor.named(service) else {
                throw CLIError.usage("unknown service \"\(service)\" (known: \(ServiceDescriptor.all.map(\.name).joined(separator: ", ")))")
            }
            services = [descriptor]
        }
        var blocks: [String] = []
        for descriptor in services {
            let paths = fixtures.router.entries.filter { $0.route.serviceName == descriptor.name }
                .map { "\($0.method.rawValue) \($0.path) [\($0.route.profile)]" }
            var lines = ["\(descriptor.title) — \(descriptor.name) (\(descriptor.code)): \(paths.joined(separator: ", "))"]
            let rows = ReachableCode.list(for: descriptor, fixtures: fixtures)
            let table = rows.map { row in
                [row.responseCode ?? "-", row.httpStatus.map(String.init) ?? "=", row.message, "\(row.source.rawValue): \(row.how)"]
            }
            lines += TextTable.render(header: ["CODE", "HTTP", "MESSAGE", "HOW"], rows: table).map { "  " + $0 }
            blocks.append(lines.joined(separator: "\n"))
        }
        console.out(blocks.joined(separator: "\n\n"))
        console.out("\nHTTP \"=\" means the normal answer's status. Magic values: see `snapsim rules`.")
        return 0
    }
}
