import SNAPSim
import SimHTTP
import SimJSON

/// One thing a simulated customer can pay or approve: the `--<flag> VALUE` that selects it, the admin endpoint
/// it drives and how its JSON body is built. Each kind lives in its own file (`PayCommand+QR.swift` …) and
/// adds one line to ``PayCommand/kinds``.
struct PayKind: Sendable {
    /// `va` for `--va NUMBER`.
    let flag: String
    /// What the value of the flag is, for usage text (`NUMBER`).
    let valueName: String
    /// One line for the help text.
    let summary: String
    /// Extra options this kind reads (without `--`), e.g. `amount`.
    let options: [String]
    /// The admin API path, e.g. `/_sim/payer/va`.
    let path: String
    /// The request body from the flag's value and the extra options given.
    let body: @Sendable (_ value: String, _ options: [String: String]) throws(CLIError) -> JSONObject
}

/// `snapsim pay`: the simulated customer's side of a flow, sent to a running simulator's admin API.
struct PayCommand: Command {
    /// Every kind, in help order.
    static let kinds: [PayKind] = [
        .virtualAccount, .directDebit, .binding, .otp, .qr,
        .smilePayz,
        .e2payTopUp,
        .e2payUpgrade,
    ]

    static let name = "pay"
    static let summary = "Act as the customer: pay a VA or a QRIS (and the other payer kinds) on a running simulator"
    static var help: String {
        let lines = kinds.map { kind in
            let head = "  --\(kind.flag) \(kind.valueName)"
            return head + String(repeating: " ", count: max(1, 23 - head.count)) + kind.summary
        }
        let extras = Set(kinds.flatMap(\.options)).sorted().map { "  --\($0) VALUE" }
        return """
            Usage: snapsim pay --KIND VALUE --partner ID [--target URL] --admin-token T [options]

            Plays the customer of a partner's flow on a running `snapsim serve`, through its admin API
            (POST /_sim/payer/<kind>?partner=ID), and prints the answer. Exit status 0 when the simulator took it,
            1 when it refused (the SNAP code and reason are printed).

            Kinds (give exactly one):
            \(lines.joined(separator: "\n"))

            Options:
              --partner ID         The partner (client id) whose flow it is
              --target URL         Base URL of the simulator (default \(SignCommand.defaultBaseURL))
              --admin-token T      The admin token `snapsim serve` printed (or was given)
            \(extras.joined(separator: "\n"))

            Example:
              snapsim pay --va "  08889900000000000000000001" --amount 150000.00 --partner snapsim-demo --admin-token T
            """
    }

    var kind: PayKind
    var value: String
    var options: [String: String]
    var partner: String
    var target: String
    var adminToken: String

    init(parsing arguments: inout Arguments) throws(CLIError) {
        var chosen: [(PayKind, String)] = []
        for kind in Self.kinds {
            if let value = try arguments.option(kind.flag) { chosen.append((kind, value)) }
        }
        guard chosen.count == 1, let (kind, value) = chosen.first else {
            throw .usage("give exactly one of " + Self.kinds.map { "--\($0.flag)" }.joined(separator: ", "))
        }
        self.kind = kind
        self.value = value
        var options: [String: String] = [:]
        for name in Set(Self.kinds.flatMap(\.options)).sorted() {
            if let given = try arguments.option(name) {
                guard kind.options.contains(name) else { throw .usage("--\(name) does not apply to --\(kind.flag)") }
                options[name] = given
            }
        }
        self.options = options
        guard let partner = try arguments.option("partner") else { throw .usage("--partner ID is needed") }
        self.partner = partner
        guard let token = try arguments.option("admin-token") else { throw .usage("--admin-token T is needed") }
        adminToken = token
        target = String(
            (try arguments.option("target") ?? SignCommand.defaultBaseURL).reversed().drop { $0 == "/" }.reversed())
        try arguments.finish()
    }

    func run(console: any Console) async throws -> Int32 {
        let body = JSONValue.object(try kind.body(value, options))
        let query = partner.utf8.allSatisfy {
            $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "&") && $0 != UInt8(ascii: "#")
        }
        guard query else { throw CLIError.usage("--partner must be a plain client id") }
        let request = HTTPRequest(
            method: .post, target: "\(kind.path)?partner=\(partner)",
            headers: ["Authorization": "Bearer \(adminToken)", "Content-Type": "application/json"],
            body: body.compactBytes)
        let answer = try await SimulatorClient.send(request, to: target)
        if (200..<300).contains(answer.status) {
            console.out(answer.json.map { JSONValue.object($0).prettyText() } ?? answer.text)
            return 0
        }
        if let object = answer.json, let code = object["responseCode"]?.stringValue {
            console.err(
                "refused: \(code) \(object["responseMessage"]?.stringValue ?? "") — \(object["error"]?.stringValue ?? "")"
            )
        } else {
            console.err("HTTP \(answer.status): \(answer.json?["error"]?.stringValue ?? answer.text)")
        }
        return 1
    }
}

extension PayKind {
    /// `--va NUMBER --amount 150000.00 [--payment-request-id ID]`: pays into a VA as the customer's bank would.
    static let virtualAccount = PayKind(
        flag: "va", valueName: "NUMBER",
        summary: "Pay into a virtual account (with --amount, optional --payment-request-id)",
        options: ["amount", "payment-request-id"], path: "/_sim/payer/va"
    ) { (value: String, options: [String: String]) throws(CLIError) -> JSONObject in
        guard let amount = options["amount"] else { throw .usage("--va needs --amount, e.g. --amount 150000.00") }
        guard Amount.parseValue(amount) != nil else {
            throw .usage("--amount takes digits with two decimals, e.g. 150000.00, not \"\(amount)\"")
        }
        var body: JSONObject = ["virtualAccountNo": .string(value), "amount": .string(amount)]
        if let id = options["payment-request-id"] { body["paymentRequestId"] = .string(id) }
        return body
    }
}
