import SimHTTP
import SimJSON

extension AdminAPI {
    static let openAPIPath = "/_sim/openapi.json"

    /// `GET /_sim/openapi.json?profile=P`: the OpenAPI 3.1 document of profile `P` (the default profile when
    /// absent) for the fixtures in force. Served without the admin token: it describes what any partner may
    /// call and holds no secret (no keys, no tokens, no partner list).
    func openAPI(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        guard request.method == .get || request.method == .head else { throw notAllowed(request, allowed: "GET") }
        let fixtures = simulator.fixtures
        let profile = request.queryValue("profile") ?? fixtures.engine.defaultProfile
        let server = request.headers["Host"].flatMap { host in
            host.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".-:[]".contains($0)) } ? "http://\(host)" : nil
        }
        guard let document = OpenAPIDocument.build(profile: profile, fixtures: fixtures, serverURL: server) else {
            throw AdminFailure(reply: error(
                404, "No profile \"\(profile)\" in the fixtures (known: \(OpenAPIDocument.profiles(fixtures).joined(separator: ", ")))."))
        }
        return json(200, document)
    }
}
