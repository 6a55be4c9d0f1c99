import SNAPCrypto
import SimHTTP
import Synchronization
import Testing

@testable import SNAPSim
import SimJSON

/// A simulator with an admin token and a fixed clock, serving the default fixtures plus the test partners,
/// with helpers to call it as partners (signed requests) and as the admin. Shared across threads by the
/// concurrent tests, so it is immutable apart from an atomic counter.
final class ControlWorld: Sendable {
    static let adminToken = "control-admin-token"
    /// 2026-11-21T18:19:47+07:00, as the security tests use.
    static let start = ISO8601Timestamp("2026-11-21T18:19:47+07:00")!.time

    static let tokenPath = "/v1.0/access-token/b2b"
    static let balancePath = "/v1.0/balance-inquiry"
    static let accountInquiryPath = "/v1.0/emoney/account-inquiry"
    static let topUpPath = "/v1.0/emoney/topup"
    static let topUpStatusPath = "/v1.0/emoney/topup-status"

    let clock: SimulatorClock
    let simulator: Simulator
    private let externalIDs = Atomic<Int>(0)

    /// The default fixtures with the test partners `partner-alpha`, `partner-beta` and `partner-rsa`.
    static let fixtures: LoadedFixtures = {
        var fixtures = LoadedFixtures.defaults
        for partner in [TestPartner.alpha, .beta, .rsa] { fixtures.partners[partner.id] = partner.fixture }
        return fixtures
    }()

    init(fixtures: LoadedFixtures = ControlWorld.fixtures, journalCapacity: Int = 500, explain: Bool = true) {
        clock = .fixed(at: Self.start)
        simulator = Simulator(
            fixtures: fixtures,
            options: SimulatorOptions(
                seed: 7, clock: clock, explain: explain, adminToken: Self.adminToken, journalCapacity: journalCapacity))
    }

    /// The simulator clock as `+07:00` text, the X-TIMESTAMP partners send.
    var now: String { ISO8601Timestamp.format(clock.now(), offsetMinutes: CivilDate.jakartaOffsetMinutes) }

    func nextExternalID() -> String {
        "5100000000" + String(externalIDs.add(1, ordering: .relaxed).newValue)
    }

    // MARK: - Requests

    func tokenRequest(_ partner: TestPartner) -> HTTPRequest {
        let timestamp = now
        return HTTPRequest(
            method: .post, target: Self.tokenPath,
            headers: [
                "Content-Type": "application/json", "X-TIMESTAMP": timestamp, "X-CLIENT-KEY": partner.id,
                "X-SIGNATURE": Base64.encode(partner.rsaSign(partner.id + "|" + timestamp)),
            ],
            body: Array(#"{"grantType":"client_credentials"}"#.utf8))
    }

    /// A transaction signed as `partner` signs it (symmetric with `token`, or RSA without).
    func transaction(_ partner: TestPartner, token: String?, _ target: String, _ body: JSONValue) -> HTTPRequest {
        let bytes = body.compactBytes
        let timestamp = now
        let hash = Hex.encode(SHA256.hash(data: bytes))
        let stringToSign = partner.signing == .symmetric
            ? "POST:\(target):\(token ?? ""):\(hash):\(timestamp)" : "POST:\(target):\(hash):\(timestamp)"
        let signature = partner.signing == .symmetric ? partner.hmacSign(stringToSign) : partner.rsaSign(stringToSign)
        var headers: HTTPHeaders = [
            "Content-Type": "application/json", "X-TIMESTAMP": timestamp, "X-SIGNATURE": Base64.encode(signature),
            "X-PARTNER-ID": partner.id, "X-EXTERNAL-ID": nextExternalID(), "CHANNEL-ID": "95221",
        ]
        if let token { headers["Authorization"] = "Bearer " + token }
        return HTTPRequest(method: .post, target: target, headers: headers, body: bytes)
    }

    func adminRequest(_ method: HTTPMethod, _ target: String, _ body: JSONValue? = nil, token: String? = adminToken)
        -> HTTPRequest
    {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        if let token { headers["Authorization"] = "Bearer " + token }
        return HTTPRequest(method: method, target: target, headers: headers, body: body?.compactBytes ?? [])
    }

    // MARK: - In-process calls

    func send(_ request: HTTPRequest) -> SecurityAnswer {
        SecurityAnswer(simulator.respond(to: request))
    }

    /// A fresh token for `partner`; the test fails when the request is refused.
    func token(for partner: TestPartner) throws -> String {
        let answer = send(tokenRequest(partner))
        #expect(answer.code == "2007300")
        return try #require(answer.body["accessToken"]?.stringValue)
    }

    /// Calls the admin API in-process.
    @discardableResult
    func admin(_ method: HTTPMethod, _ target: String, _ body: JSONValue? = nil) throws -> AdminAnswer {
        let reply = simulator.respond(to: adminRequest(method, target, body))
        guard case .respond(let response) = reply.action else { throw ControlTestError("admin call got no response") }
        return AdminAnswer(status: response.status.code, json: try JSONParser.parse(response.body))
    }
}

/// What an admin endpoint answered.
struct AdminAnswer {
    let status: Int
    let json: JSONValue

    subscript(_ pointer: String) -> JSONValue? { json[pointer: JSONPointer(parsing: pointer) ?? JSONPointer(tokens: [])] }
}

struct ControlTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension HTTPRequest {
    /// The request as an HTTP/1.1 client writes it.
    var wireBytes: [UInt8] {
        var head = "\(method.rawValue) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for header in headers { head += "\(header.name): \(header.value)\r\n" }
        head += "Content-Length: \(body.count)\r\n\r\n"
        return Array(head.utf8) + body
    }
}
