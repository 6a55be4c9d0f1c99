import SimHTTP
import SimJSON

/// `snapsim pay --<kind> …`: the simulated customer pays, through a running simulator's admin API
/// (`POST /_sim/payer/<kind>?partner=ID`). Each kind reads its own options (see ``PayCommand/kinds``).
struct PayCommand: Command {
    static let name = "pay"
    static let summary = "Act as the customer: pay a QRIS (and the other payer actions) on a running simulator"
    static var help: String {
        """
        Usage: snapsim pay --<kind> VALUE [kind options] --partner ID --target URL --admin-token T

        Drives the payer side of a running `snapsim serve` through its admin API, so a partner can finish a
        flow end to end: the customer pays, the partner's status inquiry then shows it paid.

        Kinds:
        \(kinds.map { "  --\($0.option.padding(to: 10)) \($0.summary)" }.joined(separator: "\n"))

          --partner ID        Whose order or merchant is paid (the partner's own state)
          --target URL        The running simulator, e.g. http://127.0.0.1:7788
          --admin-token T     Its admin token (printed by `snapsim serve`)
        \(kinds.map(\.help).joined(separator: "\n"))
        """
    }

    /// One kind of payer action: its option, what it does, and how it builds the admin request body.
    struct Kind: Sendable {
        let option: String
        let summary: String
        let help: String
        let body: @Sendable (String, inout Arguments) throws(CLIError) -> JSONObject
    }

    /// The payer actions, one line per kind.
    static let kinds: [Kind] = [qrKind]

    let kind: Kind
    let body: JSONObject
    let partner: String
    let target: String
    let adminToken: String

    init(parsing arguments: inout Arguments) throws(CLIError) {
        var chosen: (Kind, String)?
        for kind in Self.kinds {
            if let value = try arguments.option(kind.option) {
                guard chosen == nil else { throw .usage("give one of " + Self.kinds.map { "--" + $0.option }.joined(separator: ", ")) }
                chosen = (kind, value)
            }
        }
        guard let (kind, value) = chosen else {
            throw .usage("say what to pay: " + Self.kinds.map { "--" + $0.option }.joined(separator: ", "))
        }
        self.kind = kind
        body = try kind.body(value, &arguments)
        guard let partner = try arguments.option("partner") else { throw .usage("--partner ID is required") }
        guard let target = try arguments.option("target") else { throw .usage("--target URL is required") }
        guard let adminToken = try arguments.option("admin-token") else { throw .usage("--admin-token T is required") }
        self.partner = partner
        self.target = target.hasSuffix("/") ? String(target.dropLast()) : target
        self.adminToken = adminToken
    }

    func run(console: any Console) async throws -> Int32 {
        let request = HTTPRequest(
            method: .post, target: "/_sim/payer/\(kind.option)?partner=\(partner)",
            headers: ["Authorization": "Bearer \(adminToken)", "Content-Type": "application/json"],
            body: JSONValue.object(body).compactBytes)
        let answer = try await SimulatorClient.send(request, to: target)
        guard answer.status == 200 else {
            console.err("snapsim pay: HTTP \(answer.status): \(answer.text)")
            return 1
        }
        console.out(answer.text)
        return 0
    }
}
