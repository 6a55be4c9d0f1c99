import Foundation
import SNAPScenario
import SNAPSim
import SimHTTP
import SimJSON

/// `snapsim sign`: signs one SNAP request as a fixture partner and prints the headers to send and a ready
/// curl command; with `--target` it fetches the access token from the running simulator itself.
///
/// This is how a newcomer makes a first signed call by hand, and how a partner developer compares their own
/// signature with a known-good one.
struct SignCommand: Command {
    static let name = "sign"
    static let summary = "Sign a request as a fixture partner: print its headers and a curl command"
    static let help = """
        Usage: snapsim sign --path PATH [--method METHOD] [--data JSON | --body FILE|-] [--partner ID]
                            [--target URL [--send]] [--token TOKEN] [options]

        Prints the headers a partner sends for one SNAP request (X-TIMESTAMP, X-SIGNATURE, X-PARTNER-ID,
        X-EXTERNAL-ID, CHANNEL-ID, Authorization), the string that was signed, and a curl command.
        The partner comes from the fixtures; the default is the sandbox demo partner snapsim-demo.

        A symmetric partner's signature covers its B2B access token. Without --target and --token, the command
        prints the token request first; run it, then sign again with --token. With --target URL, it requests
        the token from the running simulator itself; --send then also sends the request and prints the answer.

          --path PATH          Request target: path and query string, e.g. /v1.0/balance-inquiry
          --method METHOD      HTTP method (default POST)
          --data JSON          The request body, as sent
          --body FILE          Read the body from FILE; `-` reads standard input
          --partner ID         Client id of the partner to sign as (default snapsim-demo)
          --target URL         Base URL of a running simulator, e.g. http://127.0.0.1:7788
          --send               With --target: send the request and print the answer
          --token TOKEN        Use this access token instead of requesting one
          --timestamp TS       X-TIMESTAMP to sign (default now, in the form the partner's profile expects)
          --external-id ID     X-EXTERNAL-ID (default 20 random digits)
          --channel-id ID      CHANNEL-ID (default the partner's, else what the route's profile expects, else 95221)
          --token-path PATH    Path of the token request (default: the partner's profile's token path)
          --hex                Write X-SIGNATURE in hex instead of Base64
        \(FixtureOption.help)
        """

    enum BodySource: Sendable, Equatable {
        case none
        case data(String)
        case file(String)
        case standardInput
    }

    static let defaultPartner = "snapsim-demo"
    static let defaultBaseURL = "http://127.0.0.1:7788"

    var partnerID: String
    var method: HTTPMethod
    var path: String
    var body: BodySource
    var target: String?
    var send: Bool
    var token: String?
    var timestamp: String?
    var externalID: String?
    var channelID: String?
    /// `nil`: the token path of the partner's profile.
    var tokenPath: String?
    var hex: Bool
    var fixtures: FixtureOption

    init(parsing arguments: inout Arguments) throws(CLIError) {
        guard let path = try arguments.option("path") else { throw .usage("--path is required, e.g. --path /v1.0/balance-inquiry") }
        guard path.hasPrefix("/") else { throw .usage("--path takes the request target starting with /, e.g. /v1.0/balance-inquiry") }
        self.path = path
        let method = try arguments.option("method")?.uppercased() ?? "POST"
        guard !method.isEmpty, method.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else {
            throw .usage("--method takes an HTTP method such as POST or GET")
        }
        self.method = HTTPMethod(rawValue: method)
        partnerID = try arguments.option("partner") ?? Self.defaultPartner
        let data = try arguments.option("data")
        let file = try arguments.option("body")
        switch (data, file) {
        case (let data?, nil): body = .data(data)
        case (nil, "-"): body = .standardInput
        case (nil, let file?): body = .file(file)
        case (nil, nil): body = .none
        case (_?, _?): throw .usage("give the body once: --data JSON or --body FILE")
        }
        target = try arguments.option("target")
        if let target, !(target.hasPrefix("http://") || target.hasPrefix("https://")) {
            throw .usage("--target takes a base URL such as \(Self.defaultBaseURL)")
        }
        send = arguments.flag("send")
        if send && target == nil { throw .usage("--send needs --target URL") }
        token = try arguments.option("token")
        timestamp = try arguments.option("timestamp")
        if let timestamp, ISO8601Timestamp(timestamp) == nil {
            throw .usage("--timestamp takes an ISO-8601 time with a zone, e.g. 2026-11-21T18:19:47+07:00")
        }
        externalID = try arguments.option("external-id")
        channelID = try arguments.option("channel-id")
        tokenPath = try arguments.option("token-path")
        hex = arguments.flag("hex")
        fixtures = try FixtureOption(parsing: &arguments)
    }

    func run(console: any Console) async throws -> Int32 {
        let fixtures = try fixtures.load()
        guard let partner = fixtures.partners.values.first(where: { $0.clientId == partnerID }) else {
            let known = fixtures.partners.values.map(\.clientId).sorted().joined(separator: ", ")
            throw CLIError("no partner \(partnerID) in the fixtures (partners: \(known))")
        }
        var signer: PartnerSigner
        do {
            signer = try PartnerSigner(partner: partner)
        } catch {
            throw CLIError(error.description)
        }
        if hex { signer.signatureEncoding = .hex }
        signer.signingVariants = fixtures.signingVariants(for: partner)
        let body = try readBody()
        // Unless told otherwise, write the timestamp and find the token where the partner's provider expects them.
        let timestamp = timestamp ?? fixtures.timestampStyle(for: partner).format(Self.now())
        let tokenPath = tokenPath ?? fixtures.tokenPath(for: partner)
        let base = String((target ?? Self.defaultBaseURL).reversed().drop { $0 == "/" }.reversed())

        var token = token
        if partner.signing == .symmetric && token == nil {
            let request = try signed { () throws(PartnerSignerError) in try signer.tokenRequest(timestamp: timestamp, path: tokenPath) }
            guard target != nil else {
                console.out("# 1. Request a B2B access token as \(partner.clientId)")
                console.out(Self.describe(request, base: base))
                console.out("""
                    # 2. \(partner.clientId) signs symmetrically: its signature covers the access token. Sign again with it:
                    #    snapsim sign \(Self.arguments(of: self)) --token <accessToken>
                    #    (or pass --target \(base) to let this command fetch the token itself)
                    """)
                return 0
            }
            let answer = try await SimulatorClient.send(request, to: base)
            guard let fetched = answer.json?["accessToken"]?.stringValue else {
                console.err("snapsim sign: the token request was refused (HTTP \(answer.status)):\n\(answer.text)")
                return 1
            }
            console.out("# Access token for \(partner.clientId), from \(base)\(tokenPath): \(fetched)\n")
            token = fetched
        }

        let externalID = externalID ?? Self.randomDigits(20)
        let channelID = channelID ?? fixtures.channelID(for: partner, method: method, target: path)
        let request = try signed { () throws(PartnerSignerError) in
            try signer.transactionRequest(
                method: method, target: path, body: body, token: token, timestamp: timestamp, externalID: externalID,
                channelID: channelID)
        }
        let string = signer.stringToSign(method: method, target: path, body: body, token: token, timestamp: timestamp)
        console.out("# String to sign (\(partner.signing == .symmetric ? "HMAC-SHA512 with the client secret" : "SHA256withRSA with the private key")):")
        console.out("# \(string.text)")
        console.out(Self.describe(request, base: base))
        guard send else { return 0 }

        let answer = try await SimulatorClient.send(request, to: base)
        console.out("# Answer: HTTP \(answer.status)")
        console.out(answer.json.map { JSONValue.object($0).prettyText() } ?? answer.text)
        return (200..<300).contains(answer.status) ? 0 : 1
    }

    // MARK: - Helpers

    private func readBody() throws(CLIError) -> [UInt8] {
        switch body {
        case .none:
            return []
        case .data(let text):
            return Array(text.utf8)
        case .standardInput:
            return Array(FileHandle.standardInput.readDataToEndOfFile())
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read the body file \(path)") }
            return Array(data)
        }
    }

    private func signed<T>(_ make: () throws(PartnerSignerError) -> T) throws(CLIError) -> T {
        do {
            return try make()
        } catch {
            throw CLIError(error.description)
        }
    }

    /// The request's headers and body as text, then the same as a curl command.
    static func describe(_ request: HTTPRequest, base: String) -> String {
        let url = base + request.target
        var lines = ["\(request.method.rawValue) \(url)"]
        for (name, value) in request.headers { lines.append("\(name): \(value)") }
        if !request.body.isEmpty { lines += ["", String(decoding: request.body, as: UTF8.self)] }
        var curl = ["curl -sS -X \(request.method.rawValue) \(shellQuoted(url))"]
        for (name, value) in request.headers { curl.append("  -H \(shellQuoted("\(name): \(value)"))") }
        if !request.body.isEmpty { curl.append("  --data-raw \(shellQuoted(String(decoding: request.body, as: UTF8.self)))") }
        return lines.joined(separator: "\n") + "\n\n" + curl.joined(separator: " \\\n") + "\n"
    }

    /// `text` in single quotes for a POSIX shell (a quote inside becomes `'\''`).
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacing("'", with: "'\\''") + "'"
    }

    /// The options to repeat in the "sign again" hint (the body only when it was given inline).
    private static func arguments(of command: SignCommand) -> String {
        var words = ["--partner", command.partnerID, "--method", command.method.rawValue, "--path", command.path]
        switch command.body {
        case .data(let text): words += ["--data", text]
        case .file(let path): words += ["--body", path]
        case .standardInput: words += ["--body", "-"]
        case .none: break
        }
        return words.map { word in
            word.allSatisfy { $0.isLetter || $0.isNumber || "-_./:".contains($0) } ? word : shellQuoted(word)
        }.joined(separator: " ")
    }

    private static func now() -> SimTime {
        SimTime(millisecondsSince1970: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }

    private static func randomDigits(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in Character(String(UInt8.random(in: 0...9, using: &generator))) })
    }
}
