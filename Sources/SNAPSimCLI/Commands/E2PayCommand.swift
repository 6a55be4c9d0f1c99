import SNAPSim
import SimHTTP
import SimJSON

/// `snapsim e2pay outbox`: the SMS and e-mails E2Pay (the `e2pay` profile) would have sent a partner's customers
/// and merchants — registration, e-mail and phone-change tokens — read from a running simulator's admin API.
struct E2PayCommand: Command {
    static let name = "e2pay"
    static let summary = "Read E2Pay's OTP outbox (registration, e-mail and phone-change tokens) on a running simulator"
    static var help: String {
        """
        Usage: snapsim e2pay outbox --partner ID [--to RECIPIENT] [--target URL] --admin-token T [--json]

        Prints the SMS and e-mails the simulated E2Pay (M-Bayar) sent for the partner, oldest first, one per line:
        time, channel, recipient and the token to send back (tokenPrefix + OTP). Reads
        GET /_sim/payer/e2pay-outbox?partner=ID[&to=…] of a running `snapsim serve`.

        Options:
          --partner ID         The partner (client id) whose customers and merchants they went to
          --to RECIPIENT       Only messages to this phone (08…) or e-mail address
          --target URL         Base URL of the simulator (default \(SignCommand.defaultBaseURL))
          --admin-token T      The admin token `snapsim serve` printed (or was given)
          --json               Print the admin API's JSON answer as it is

        Example:
          snapsim e2pay outbox --partner snapsim-demo --to 081555000111 --admin-token T
        """
    }

    var partner: String
    var to: String?
    var target: String
    var adminToken: String
    var json: Bool

    init(parsing arguments: inout Arguments) throws(CLIError) {
        guard let partner = try arguments.option("partner") else { throw .usage("--partner ID is needed") }
        self.partner = partner
        to = try arguments.option("to")
        guard let token = try arguments.option("admin-token") else { throw .usage("--admin-token T is needed") }
        adminToken = token
        json = arguments.flag("json")
        target = String(
            (try arguments.option("target") ?? SignCommand.defaultBaseURL).reversed().drop { $0 == "/" }.reversed())
        // Options first: what is left over is the action.
        let words = try arguments.positionals()
        guard words == ["outbox"] else {
            throw .usage("snapsim e2pay takes one action, outbox (got: \(words.isEmpty ? "none" : words.joined(separator: " ")))")
        }
        try arguments.finish()
    }

    func run(console: any Console) async throws -> Int32 {
        var query = "partner=\(Self.encoded(partner))"
        if let to { query += "&to=\(Self.encoded(to))" }
        let request = HTTPRequest(
            method: .get, target: "/_sim/payer/e2pay-outbox?\(query)", headers: ["Authorization": "Bearer \(adminToken)"])
        let answer = try await SimulatorClient.send(request, to: target)
        guard answer.status == 200, let object = answer.json else {
            console.err("HTTP \(answer.status): \(answer.json?["error"]?.stringValue ?? answer.text)")
            return 1
        }
        if json {
            console.out(JSONValue.object(object).prettyText())
            return 0
        }
        let messages = object["messages"]?.arrayValue ?? []
        if messages.isEmpty { console.out("no messages for \(partner)\(to.map { " to \($0)" } ?? "")") }
        for message in messages.compactMap(\.objectValue) {
            let field = { (name: String) in message[name]?.stringValue ?? "" }
            console.out("\(field("at"))  \(field("channel"))  \(field("to"))  token \(field("token"))  \(field("text"))")
        }
        return 0
    }

    /// Percent-encodes a query value (e-mail addresses carry `@`, `+`).
    private static func encoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            let plain = (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
            if plain {
                result.append(Character(UnicodeScalar(byte)))
            } else {
                let hex = Array("0123456789ABCDEF")
                result += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
            }
        }
        return result
    }
}
