import SimHTTP
import SimJSON
import SocketTestSupport
import Testing

@testable import SNAPSim

/// The OpenAPI documents (issue 16): valid JSON, deterministic, every route of each profile, every code the
/// catalogue says a route can answer, request schemas that agree with what the services refuse, and the
/// `GET /_sim/openapi.json` endpoint over a real socket.
@Suite struct OpenAPIDocumentTests {
    static let fixtures = LoadedFixtures.defaults

    static func document(_ profile: String) throws -> JSONObject {
        try #require(OpenAPIDocument.build(profile: profile, fixtures: fixtures)?.objectValue)
    }

    static func operation(_ document: JSONObject, _ entry: Router.Entry) -> JSONObject? {
        document["paths"]?.objectValue?[entry.path]?.objectValue?[entry.method.rawValue.lowercased()]?.objectValue
    }

    @Test func profiles_AreEveryProfileOfTheFixtures() {
        #expect(Set(OpenAPIDocument.profiles(Self.fixtures)) == Set(Self.fixtures.profiles.map(\.name)))
        #expect(OpenAPIDocument.profiles(Self.fixtures).first == Self.fixtures.engine.defaultProfile)
        #expect(OpenAPIDocument.build(profile: "no-such-profile", fixtures: Self.fixtures) == nil)
    }

    @Test(arguments: LoadedFixtures.defaults.profiles.map(\.name))
    func document_IsValidJSONOfOpenAPI31(profile: String) throws {
        let bytes = try #require(OpenAPIDocument.build(profile: profile, fixtures: Self.fixtures)).compactBytes
        let parsed = try #require(try JSONParser.parse(bytes).objectValue)
        #expect(parsed["openapi"] == "3.1.0")
        #expect(parsed["info"]?.objectValue?["title"]?.stringValue?.contains(profile) == true)
        let schemes = try #require(parsed["components"]?.objectValue?["securitySchemes"]?.objectValue)
        for name in ["bearerAccessToken", "snapSymmetricSignature", "snapAsymmetricSignature", "snapTokenSignature"] {
            #expect(schemes[name] != nil, "\(name)")
        }
        // Every security requirement names a declared scheme.
        for (_, item) in parsed["paths"]?.objectValue ?? [:] {
            for (_, operation) in item.objectValue ?? [:] {
                for requirement in operation.objectValue?["security"]?.arrayValue ?? [] {
                    for name in requirement.objectValue?.keys ?? [] { #expect(schemes[name] != nil, "\(name)") }
                }
            }
        }
    }

    @Test(arguments: LoadedFixtures.defaults.profiles.map(\.name))
    func document_IsTheSameBytesEveryTime(profile: String) throws {
        let first = try #require(OpenAPIDocument.build(profile: profile, fixtures: Self.fixtures)).compactBytes
        let reloaded = try LoadedFixtures.load(files: DefaultFixtures.files)
        let second = try #require(OpenAPIDocument.build(profile: profile, fixtures: reloaded)).compactBytes
        #expect(first == second)
    }

    @Test(arguments: LoadedFixtures.defaults.profiles.map(\.name))
    func document_ListsEveryRouteOfTheProfileAndNoOther(profile: String) throws {
        let document = try Self.document(profile)
        let entries = Self.fixtures.router.entries.filter { $0.route.profile == profile }
        #expect(!entries.isEmpty)
        for entry in entries {
            let operation = try #require(Self.operation(document, entry), "\(entry.method) \(entry.path)")
            #expect(operation["tags"] == [.string(entry.route.serviceName)])
        }
        let operations = (document["paths"]?.objectValue ?? [:]).reduce(0) { $0 + ($1.value.objectValue?.count ?? 0) }
        #expect(operations == entries.count)
    }

    /// The catalogue's reachable answers (`snapsim codes`) of each route are declared: the HTTP status, and the
    /// response code as the profile prints it (SmilePayz: its `code`).
    @Test(arguments: LoadedFixtures.defaults.profiles.map(\.name))
    func everyRoute_DeclaresEveryCodeTheCatalogueSaysItCanGive(profile: String) throws {
        let document = try Self.document(profile)
        for entry in Self.fixtures.router.entries where entry.route.profile == profile {
            let responses = try #require(Self.operation(document, entry)?["responses"]?.objectValue)
            let service = try #require(ServiceDescriptor.named(entry.route.serviceName))
            for code in ReachableCode.list(for: service, fixtures: Self.fixtures) {
                guard let status = code.httpStatus else { continue }
                let response = try #require(responses[String(status)]?.objectValue, "\(entry.path) \(status)")
                let properties = response["content"]?.objectValue?["application/json"]?.objectValue?["schema"]?
                    .objectValue?["properties"]?.objectValue
                guard let responseCode = code.responseCode, let properties else { continue }
                let printed: String
                let member: String
                if entry.route.security == .e2pay {
                    (printed, member) = (responseCode, "responseCode")
                } else {
                    let key = CaseKey(httpStatus: status, caseCode: String(responseCode.suffix(2)))
                    if entry.route.dialect.envelope == .smilepayz {
                        guard status >= 300 else { continue }
                        (printed, member) = (SmilePayzEnvelope.code(for: key), "code")
                    } else {
                        let shown = entry.route.dialect.printedKey(key)
                        (printed, member) = (ResponseCode(shown, service: entry.route.serviceCode).description, "responseCode")
                    }
                }
                let allowed = properties[member]?.objectValue?["enum"]?.arrayValue ?? []
                #expect(allowed.contains(.string(printed)), "\(profile) \(entry.path) \(status): \(printed) not in \(allowed)")
            }
        }
    }

    @Test func headers_AreTheOnesThePipelineRequires() throws {
        let snap = try Self.document("snap")
        let topUp = try #require(snap["paths"]?.objectValue?["/v1.0/emoney/topup"]?.objectValue?["post"]?.objectValue)
        let names = (topUp["parameters"]?.arrayValue ?? []).compactMap { $0.objectValue?["name"]?.stringValue }
        #expect(names == ["X-TIMESTAMP", "X-PARTNER-ID", "X-EXTERNAL-ID", "CHANNEL-ID"])
        let dana = try Self.document("dana")
        let balance = try #require(dana["paths"]?.objectValue?["/v1.0/balance-inquiry.htm"]?.objectValue?["post"]?.objectValue)
        let danaNames = (balance["parameters"]?.arrayValue ?? []).compactMap { $0.objectValue?["name"]?.stringValue }
        #expect(danaNames.contains("X-DEVICE-ID"))
        #expect(danaNames.contains("Authorization-Customer"))
        #expect(balance["security"] == [["snapAsymmetricSignature": []]])
    }

    @Test func requestSchema_ComesFromTheServiceAndTheDialect() throws {
        func schema(_ profile: String, _ path: String) throws -> JSONObject {
            let document = try Self.document(profile)
            return try #require(document["paths"]?.objectValue?[path]?.objectValue?["post"]?.objectValue?["requestBody"]?
                .objectValue?["content"]?.objectValue?["application/json"]?.objectValue?["schema"]?.objectValue)
        }
        let topUp = try schema("snap", "/v1.0/emoney/topup")
        #expect(topUp["required"] == ["partnerReferenceNo", "customerNumber", "amount"])
        #expect(topUp["properties"]?.objectValue?["notes"]?.objectValue?["maxLength"] == 255)
        let danaInquiry = try schema("dana", "/rest/v1.0/emoney/account-inquiry")
        let info = danaInquiry["properties"]?.objectValue?["additionalInfo"]?.objectValue
        #expect(info?["required"]?.arrayValue?.contains("fundType") == true)
    }

    /// The schemas cannot drift from the services: for every route of the snap profile, a signed request with an
    /// empty body is refused `400xx02` naming a member the document lists, and in most routes the first member
    /// it marks required (the others first check an either-or pair, e.g. originalPartnerReferenceNo or
    /// originalReferenceNo, which a JSON Schema `required` cannot say).
    @Test func requiredMembers_AreWhatTheServicesRefuseWhenMissing() throws {
        var harness = ProfileHarness()
        let partner = try harness.partner("snapsim-demo")
        let token = try harness.b2bToken(partner, path: "/v1.0/access-token/b2b")
        let document = try Self.document("snap")
        var checked = 0
        var firstRequired = 0
        for entry in Self.fixtures.router.entries where entry.route.profile == "snap" && entry.route.security == .transaction
            && entry.method == .post && !entry.route.dialect.requiresCustomerToken
        {
            let schema = Self.operation(document, entry)?["requestBody"]?.objectValue?["content"]?.objectValue?[
                "application/json"]?.objectValue?["schema"]?.objectValue
            guard let schema, let first = schema["required"]?.arrayValue?.first?.stringValue else { continue }
            let request = try harness.transaction(
                partner, path: entry.path, body: "{}", token: token, timestamp: harness.timestamp(), channel: "95221")
            let answer = harness.send(request)
            #expect(answer.status == 400, "\(entry.path): \(answer.text)")
            #expect(answer.code?.hasSuffix("02") == true, "\(entry.path): \(answer.text)")
            let named = try #require(answer.message?.split(separator: " ").last.map(String.init), "\(entry.path)")
            var node: JSONObject? = schema
            for part in named.split(separator: ".") {
                node = node?["properties"]?.objectValue?[String(part)]?.objectValue
            }
            #expect(node != nil, "\(entry.path): the service wants \(named), which the document does not list")
            if named == first { firstRequired += 1 }
            checked += 1
        }
        #expect(checked > 20)
        #expect(firstRequired * 4 > checked * 3, "\(firstRequired) of \(checked)")
    }

    @Test func endpoint_ServesTheDocumentWithoutAdminTokenOverASocket() throws {
        let live = try LiveServer(ControlWorld())
        defer { live.server.shutdown() }
        let request = HTTPRequest(method: .get, target: "/_sim/openapi.json?profile=dana")
        guard case .response(let response) = try live.connect().exchange(request.wireBytes) else {
            Issue.record("no answer")
            return
        }
        #expect(response.status == 200)
        let expected = try #require(OpenAPIDocument.build(
            profile: "dana", fixtures: ControlWorld.fixtures, serverURL: "http://127.0.0.1"))
        // Compared as text: a mismatch prints readably.
        #expect(String(decoding: response.body, as: UTF8.self) == expected.compactText)

        let unknown = HTTPRequest(method: .get, target: "/_sim/openapi.json?profile=nope")
        guard case .response(let refused) = try live.connect().exchange(unknown.wireBytes) else {
            Issue.record("no answer")
            return
        }
        #expect(refused.status == 404)
        #expect(String(decoding: refused.body, as: UTF8.self).contains("known: snap"))
    }
}
