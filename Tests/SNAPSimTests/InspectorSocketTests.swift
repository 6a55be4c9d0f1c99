import SNAPCrypto
import SimHTTP
import SocketTestSupport
import Testing

@testable import SNAPSim
import SimJSON

/// The web inspector's page and the admin endpoints it added (issue 16), over real sockets.
@Suite(.serialized) struct InspectorSocketTests {
    /// GET without a token: the page, as HTML, whose CSP allows exactly the inline script and style it carries.
    @Test func page_IsHTMLUnderAStrictPolicyNamingItsOwnScriptAndStyle() throws {
        let live = try LiveServer(ControlWorld())
        defer { live.server.shutdown() }
        let result = try live.connect().exchange(live.world.adminRequest(.get, "/_sim/ui", token: nil).wireBytes)
        guard case .response(let page) = result else { throw ControlTestError("no page: \(result)") }
        #expect(page.status == 200)
        #expect(page.header("Content-Type") == "text/html; charset=utf-8")
        #expect(page.header("X-Content-Type-Options") == "nosniff")
        #expect(page.header("X-Frame-Options") == "DENY")
        #expect(page.header("Cache-Control") == "no-store")
        let policy = try #require(page.header("Content-Security-Policy"))
        let directives = Set(policy.split(separator: ";").map { $0.trimmingPrefix(" ") }.map(String.init))
        let html = page.bodyText
        let script = try #require(Self.between(html, "<script>", "</script>"))
        let style = try #require(Self.between(html, "<style>", "</style>"))
        #expect(directives.contains("default-src 'none'"))
        #expect(directives.contains("script-src '\(Self.hashSource(script))'"))
        #expect(directives.contains("style-src '\(Self.hashSource(style))'"))
        #expect(directives.contains("connect-src 'self'"))
        #expect(directives.contains("frame-ancestors 'none'"))
        #expect(!policy.contains("unsafe"))
        // One script and one style, nothing loaded from elsewhere, no inline handlers the policy would block.
        #expect(html.components(separatedBy: "<script").count == 2)
        #expect(html.components(separatedBy: "<style").count == 2)
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("onclick="))
        #expect(!html.contains(ControlWorld.adminToken))
        #expect(script.contains("textContent") && !script.contains("innerHTML"))

        let head = try live.connect().exchange(live.world.adminRequest(.head, "/_sim/ui", token: nil).wireBytes)
        #expect(head.status == 200)
        let post = try live.connect().exchange(live.world.adminRequest(.post, "/_sim/ui", token: nil).wireBytes)
        #expect(post.status == 405)
    }

    /// The page is only a shell: every endpoint it reads needs the admin token, and a wrong one is journaled.
    @Test func dataThePageShows_NeedsTheAdminToken() throws {
        let live = try LiveServer(ControlWorld())
        defer { live.server.shutdown() }
        let paths = ["/_sim/partners", "/_sim/accounts", "/_sim/requests", "/_sim/clock", "/_sim/faults",
                     "/_sim/state?partner=partner-alpha", "/_sim/notifications", "/_sim/payer/va?partner=partner-alpha"]
        for path in paths {
            for token in [nil, "wrong-token"] {
                let refused = try live.connect().exchange(live.world.adminRequest(.get, path, token: token).wireBytes)
                #expect(refused.status == 401, "\(path) without the right token")
            }
            #expect(try live.admin(.get, path).status == 200, "\(path) with the token")
        }
        #expect(try live.admin(.get, "/_sim/requests/count?service=admin")["/count"] == .int(paths.count * 2))
    }

    @Test func partnersAndAccountLists_FeedThePickers() throws {
        let live = try LiveServer(ControlWorld())
        defer { live.server.shutdown() }
        let partners = try live.admin(.get, "/_sim/partners")["/partners"]?.arrayValue ?? []
        let ids = partners.compactMap { $0.objectValue?["clientId"]?.stringValue }
        #expect(ids == ids.sorted() && ids.contains("partner-alpha") && ids.contains("snapsim-demo"))
        let alpha = try #require(partners.first { $0.objectValue?["clientId"] == "partner-alpha" }?.objectValue)
        #expect(alpha["signing"] == "symmetric" && alpha["profile"] == "snap")

        let client = try live.connect()
        let token = try client.token(live.world, .alpha)
        let topUp = try client.call(live.world.transaction(.alpha, token: token, ControlWorld.topUpPath, Bodies.topUp()))
        #expect(topUp.code == "2003800")
        let list = try live.admin(.get, "/_sim/accounts?partner=partner-alpha")
        let customers = list["/customers"]?.arrayValue ?? []
        let budi = try #require(customers.first { $0.objectValue?["customerNumber"] == "081977817902" }?.objectValue)
        #expect(budi["balance"]?.objectValue?["value"] == "200000.00")
        #expect(list["/accounts/0/accountNo"] != nil)
        // Another partner's ledger and the fixtures' opening one are untouched.
        let opening = try live.admin(.get, "/_sim/accounts")["/customers"]?.arrayValue ?? []
        #expect(opening.first { $0.objectValue?["customerNumber"] == "081977817902" }?.objectValue?["balance"]?
            .objectValue?["value"] == "150000.00")

        let account = try live.admin(.get, "/_sim/accounts/081977817902?partner=partner-alpha")
        #expect(account["/movements/0/type"] == "TOP_UP")
        #expect(account["/movements/0/direction"] == "CREDIT")
        #expect(account["/movements/0/partnerReferenceNo"] == "TOPUP-0001")
        #expect(try live.admin(.get, "/_sim/accounts?partner=nobody").status == 404)
    }

    /// A body signed un-minified: the verdict carries the string the signature was made over, which differs
    /// from the expected one exactly in the body hash, so the inspector can mark it.
    @Test func refusedSignature_RecordsTheReceivedStringToSign() throws {
        let live = try LiveServer(ControlWorld())
        defer { live.server.shutdown() }
        let world = live.world
        let client = try live.connect()
        let token = try client.token(world, .alpha)
        let loose = #"{"partnerReferenceNo": "2020102900000000000001", "accountNo": "12345678"}"#
        let timestamp = world.now
        let signedHash = Hex.encode(SHA256.hash(data: Array(loose.utf8)))
        let signed = "POST:\(ControlWorld.balancePath):\(token):\(signedHash):\(timestamp)"
        let request = HTTPRequest(
            method: .post, target: ControlWorld.balancePath,
            headers: [
                "Content-Type": "application/json", "X-TIMESTAMP": timestamp, "Authorization": "Bearer " + token,
                "X-SIGNATURE": Base64.encode(TestPartner.alpha.hmacSign(signed)), "X-PARTNER-ID": TestPartner.alpha.id,
                "X-EXTERNAL-ID": world.nextExternalID(), "CHANNEL-ID": "95221",
            ],
            body: Array(loose.utf8))
        #expect(try client.call(request).status == 401)
        let entry = try live.admin(.get, "/_sim/requests?partner=partner-alpha&status=401")
        let verdict = try #require(entry["/requests/0/verdict"]?.objectValue)
        #expect(verdict["receivedStringToSign"]?.stringValue == signed)
        let minifiedHash = Hex.encode(SHA256.hash(data: Array(#"{"partnerReferenceNo":"2020102900000000000001","accountNo":"12345678"}"#.utf8)))
        #expect(verdict["stringToSign"]?.stringValue == signed.replacing(signedHash, with: minifiedHash))
        #expect(verdict["diagnosis"]?.arrayValue?.first?.objectValue?["cause"] == "body-signed-unminified")

        // A signature no variant reproduces names no received string.
        var forged = request
        forged.headers["X-SIGNATURE"] = Base64.encode([UInt8](repeating: 7, count: 64))
        forged.headers["X-EXTERNAL-ID"] = world.nextExternalID()
        #expect(try client.call(forged).status == 401)
        let last = try live.admin(.get, "/_sim/requests?partner=partner-alpha&status=401")
        #expect(last["/requests/1/verdict/receivedStringToSign"] == nil)
        #expect(last["/requests/1/verdict/stringToSign"] != nil)
    }

    private static func between(_ text: String, _ start: String, _ end: String) -> String? {
        guard let open = text.range(of: start), let close = text.range(of: end, range: open.upperBound..<text.endIndex)
        else { return nil }
        return String(text[open.upperBound..<close.lowerBound])
    }

    private static func hashSource(_ text: String) -> String {
        "sha256-" + Base64.encode(SHA256.hash(data: Array(text.utf8)))
    }
}
