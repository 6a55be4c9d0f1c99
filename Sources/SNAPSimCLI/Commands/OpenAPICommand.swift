import SNAPSim
import SimJSON

/// `snapsim openapi`: a profile's OpenAPI 3.1 document, without a server.
struct OpenAPICommand: Command {
    static let name = "openapi"
    static let summary = "Print a profile's OpenAPI 3.1 document (also GET /_sim/openapi.json?profile=…)"
    static let help = """
        Usage: snapsim openapi [--profile NAME] [--server URL] [--compact] [--fixtures PATH]

        Prints the OpenAPI 3.1 document of one provider profile (default: the fixtures' default profile): its
        routes, SNAP headers, security schemes, request schemas read from the services' validation, and every
        HTTP status and response code each route can answer. A running simulator serves the same document at
        GET /_sim/openapi.json?profile=NAME (no admin token needed). See docs/openapi.md.

        \(FixtureOption.help)
          --profile NAME    The profile to describe (snap, dana, doku, bca, nicepay, smilepayz, e2pay, …)
          --server URL      List URL under `servers` (e.g. http://127.0.0.1:7788)
          --compact         One line of compact JSON instead of indented
        """

    var fixtures: FixtureOption
    var profile: String?
    var server: String?
    var compact: Bool

    init(parsing arguments: inout Arguments) throws(CLIError) {
        fixtures = try FixtureOption(parsing: &arguments)
        profile = try arguments.option("profile")
        server = try arguments.option("server")
        compact = arguments.flag("compact")
    }

    func run(console: any Console) async throws -> Int32 {
        let loaded = try fixtures.load()
        let name = profile ?? loaded.engine.defaultProfile
        guard let document = OpenAPIDocument.build(profile: name, fixtures: loaded, serverURL: server) else {
            throw CLIError("no profile \"\(name)\" (known: \(OpenAPIDocument.profiles(loaded).joined(separator: ", ")))")
        }
        console.out(compact ? document.compactText : document.prettyText())
        return 0
    }
}
