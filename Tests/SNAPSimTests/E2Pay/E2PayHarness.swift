import SimHTTP
import SimJSON
import Testing

@testable import SNAPSim

/// An in-process simulator (seed 7, admin token `adm`) and the E2Pay calls tests share: host token, login.
struct E2PayHarness {
    static let secret = "snapsim-demo-secret-SANDBOX-ONLY"
    static let md5123456 = "E10ADC3949BA59ABBE56E057F20F883E"
    static let admin: HTTPHeaders = ["Authorization": "Bearer adm"]
    let simulator: Simulator

    init(fixtures: LoadedFixtures = .defaults) {
        simulator = Simulator(
            fixtures: fixtures,
            options: SimulatorOptions(
                seed: 7, clock: .fixed(at: ISO8601Timestamp("2026-11-21T10:00:00+07:00")!.time), adminToken: "adm"))
    }

    /// Status and parsed body (`null` when absent or not JSON); a transport fault reads as status 0.
    func send(_ method: HTTPMethod, _ target: String, _ headers: HTTPHeaders = [:], _ body: String = "") -> (Int, JSONValue) {
        let reply = simulator.respond(to: HTTPRequest(method: method, target: target, headers: headers, body: Array(body.utf8)))
        guard case .respond(let response) = reply.action else { return (0, .null) }
        return (Int(response.status.code), (try? JSONParser.parse(response.body)) ?? .null)
    }

    func hostToken(partner: String = "snapsim-demo", secret: String = Self.secret) -> String {
        let (_, body) = send(
            .post, "/switching/rest/oauth/token", ["Content-Type": "application/x-www-form-urlencoded"],
            "grant_type=client_credentials&client_id=\(partner)&client_secret=\(secret)")
        return body.objectValue?["access_token"]?.stringValue ?? ""
    }

    /// A user token for `username` (`CUSTOMER` or `MERCHANT`), `""` when the login is refused.
    func userToken(_ username: String, type: String = "CUSTOMER", password: String = Self.md5123456) -> String {
        let (_, login) = send(.post, "/switching/rest/h2h/authorization/", ["Content-Type": "application/json"], """
            {"client_id":"snapsim-demo","client_secret":"\(Self.secret)","response_type":"code","user_type":"\(type)",\
            "username":"\(username)","password":"\(password)"}
            """)
        guard let code = login.objectValue?["code"]?.stringValue else { return "" }
        let (_, token) = send(
            .post, "/switching/rest/oauth/token", ["Content-Type": "application/x-www-form-urlencoded"],
            "grant_type=authorization_code&client_id=snapsim-demo&client_secret=\(Self.secret)&code=\(code)&redirect_uri=x")
        return token.objectValue?["access_token"]?.stringValue ?? ""
    }

    static func bearer(_ token: String) -> HTTPHeaders { ["Authorization": "Bearer \(token)", "Content-Type": "application/json"] }
}

extension JSONValue {
    /// The string member `name` of an object.
    func text(_ name: String) -> String? { objectValue?[name]?.stringValue }
}
