import SimHTTP
import Testing

@testable import SNAPSim
import SimJSON

/// Several profiles on one port: told apart by path, and by the partner where paths collide.
@Suite struct ProfileRoutingTests {
    /// The defaults plus a `bri` profile that serves the standard balance-inquiry path too, and a partner of it.
    private static func collidingFixtures() throws -> LoadedFixtures {
        var files = DefaultFixtures.files.map { ($0.path, $0.contents) }
        files.append(("profiles/bri.json", #"""
            {"profiles": [{"name": "bri", "timestampZones": "utc", "services": [
              {"service": "access-token-b2b", "method": "POST", "path": "/snap/v1.0/access-token/b2b"},
              {"service": "balance-inquiry", "method": "POST", "path": "/v1.0/balance-inquiry"}
            ]}]}
            """#))
        let demo = try #require(LoadedFixtures.defaults.partners["snapsim-demo"])
        let partner: JSONValue = [
            "clientId": "snapsim-bri", "name": "BRI partner", "clientSecret": "bri-secret-SANDBOX",
            "publicKey": .string(demo.publicKey), "privateKey": .string(demo.privateKey ?? ""), "signing": "symmetric",
            "profile": "bri",
        ]
        files.append(("zz-bri-partner.json", JSONValue.object(["partners": [partner]]).compactText))
        return try LoadedFixtures.load(files: files)
    }

    private func request(_ path: String, partner: String, header: String = "X-PARTNER-ID") -> HTTPRequest {
        HTTPRequest(method: .post, target: path, headers: [header: partner], body: [])
    }

    @Test func router_ChoosesThePartnersProfile_WhenPathsCollide() throws {
        let fixtures = try Self.collidingFixtures()
        let router = fixtures.router
        #expect(router.routes(method: .post, path: "/v1.0/balance-inquiry").map(\.profile) == ["snap", "bri"])
        let choose = { (partner: String) in
            router.route(for: request("/v1.0/balance-inquiry", partner: partner), partners: fixtures.partners, defaultProfile: "snap")
        }
        #expect(choose("snapsim-bri")?.profile == "bri")
        #expect(choose("snapsim-demo")?.profile == "snap")
        // Unknown partners get the default profile's route, whose pipeline then says "Unknown client".
        #expect(choose("nobody")?.profile == "snap")
        #expect(choose("snapsim-bri")?.dialect.conventions.timestampZones == .utc)
    }

    @Test func collidingPath_IsAnsweredInTheCallersDialect() throws {
        var harness = ProfileHarness(fixtures: try Self.collidingFixtures())
        let bri = try harness.partner("snapsim-bri")
        let token = try harness.b2bToken(bri, path: "/snap/v1.0/access-token/b2b", utc: true)
        let body = #"{"partnerReferenceNo":"1","accountNo":"12345678"}"#
        let utc = try harness.transaction(
            bri, path: "/v1.0/balance-inquiry", body: body, token: token, timestamp: harness.timestamp(utc: true), channel: "95221")
        #expect(harness.send(utc).code == "2001100")
        // The same request with +07:00 is refused: the bri route, not snap's, answered.
        let jakarta = try harness.transaction(
            bri, path: "/v1.0/balance-inquiry", body: body, token: token, timestamp: harness.timestamp(), channel: "95221")
        let refused = harness.send(jakarta)
        #expect(refused.code == "4001101")
        #expect(refused.message == "Invalid Field Format X-TIMESTAMP")
    }

    @Test func partner_IsRefusedOnAnotherProfilesPath() throws {
        var harness = ProfileHarness()
        let bca = try harness.partner("snapsim-bca")
        let token = try harness.b2bToken(bca, path: "/openapi/v1.0/access-token/b2b")
        let call = try harness.transaction(
            bca, path: "/v1.0/balance-inquiry", body: #"{"accountNo":"12345678"}"#, token: token,
            timestamp: harness.timestamp(), channel: "95221")
        let answer = harness.send(call)
        #expect(answer.status == 404)
        #expect(answer.code == "4041102")
        #expect(answer.explain?["hint"]?.stringValue == "The bca profile serves balance-inquiry at POST /openapi/v1.0/balance-inquiry.")
        // And a token from another profile's token path is refused the same way.
        let snapToken = harness.send(try harness.tokenRequest(
            bca, path: "/v1.0/access-token/b2b", body: #"{"grantType":"client_credentials"}"#, timestamp: harness.timestamp()))
        #expect(snapToken.code == "4047302")
    }

    @Test func routes_ListEveryProfile() {
        let profiles = Set(LoadedFixtures.defaults.router.entries.map(\.route.profile))
        #expect(profiles == ["snap", "dana", "doku", "nicepay", "bca", "smilepayz", "e2pay"])
        let paths = LoadedFixtures.defaults.router.entries.map(\.path)
        for path in [
            "/v1.0/balance-inquiry.htm", "/rest/v1.0/emoney/account-inquiry", "/rest/v1.0/emoney/topup",
            "/rest/v1.0/emoney/topup-status", "/v1.0/access-token/b2b2c.htm", "/authorization/v1/access-token/b2b",
            "/authorization/v1/access-token/b2b2c", "/direct-debit/core/v1/balance-inquiry",
            "/nicepay/api/v1.0/balance-inquiry", "/nicepay/api/v1.0/transfer/registration", "/openapi/v1.0/balance-inquiry",
            "/switching/rest/oauth/token",
        ] {
            #expect(paths.contains(path), "\(path)")
        }
    }
}
