import SNAPCrypto
import SNAPSim
import SimHTTP
import Testing
import SimJSON

/// The default fixtures on a fixed clock, called as the demo partner of each provider profile would call them:
/// with that profile's paths, timestamp zone, channel, token and signature.
struct ProfileHarness {
    /// 2026-11-21T18:19:47+07:00.
    static let start = ISO8601Timestamp("2026-11-21T18:19:47+07:00")!.time

    let clock: SimulatorClock
    let simulator: Simulator
    let fixtures: LoadedFixtures
    private var counter = 0

    init(fixtures: LoadedFixtures = .defaults, adminToken: String? = nil) {
        clock = .fixed(at: Self.start)
        self.fixtures = fixtures
        simulator = Simulator(fixtures: fixtures, options: SimulatorOptions(seed: 7, clock: clock, adminToken: adminToken))
    }

    func partner(_ clientId: String) throws -> Partner {
        try #require(fixtures.partners[clientId])
    }

    /// The simulator clock as `+07:00` text, or with `Z` for UTC.
    func timestamp(utc: Bool = false) -> String {
        utc
            ? ISO8601Timestamp.format(clock.now(), offsetMinutes: 0, utcDesignator: true)
            : ISO8601Timestamp.format(clock.now(), offsetMinutes: CivilDate.jakartaOffsetMinutes)
    }

    /// A digits-only external id, unique within the harness.
    mutating func externalID() -> String {
        counter += 1
        return "5100000000" + String(counter)
    }

    /// A token request (B2B or B2B2C) signed with RSA over `clientId|timestamp`.
    func tokenRequest(_ partner: Partner, path: String, body: String, timestamp: String) throws -> HTTPRequest {
        let signature = Base64.encode(try rsa(partner, partner.clientId + "|" + timestamp))
        return HTTPRequest(
            method: .post, target: path,
            headers: [
                "Content-Type": "application/json", "X-TIMESTAMP": timestamp, "X-CLIENT-KEY": partner.clientId,
                "X-SIGNATURE": signature,
            ],
            body: Array(body.utf8))
    }

    /// A transaction signed in the partner's mode (HMAC with `token`, or RSA without).
    mutating func transaction(
        _ partner: Partner, path: String, body: String, token: String? = nil, timestamp: String, channel: String,
        externalID: String? = nil, extraHeaders: HTTPHeaders = [:]
    ) throws -> HTTPRequest {
        let string = StringToSign(
            method: "POST", target: path, accessToken: partner.signing == .symmetric ? (token ?? "") : nil,
            body: Array(body.utf8), timestamp: timestamp)
        let signature = partner.signing == .symmetric
            ? Base64.encode(HMAC<SHA512>.authenticationCode(for: Array(string.text.utf8), using: Array(partner.clientSecret.utf8)))
            : Base64.encode(try rsa(partner, string.text))
        var headers: HTTPHeaders = [
            "Content-Type": "application/json", "X-TIMESTAMP": timestamp, "X-SIGNATURE": signature,
            "X-PARTNER-ID": partner.clientId, "X-EXTERNAL-ID": externalID ?? self.externalID(), "CHANNEL-ID": channel,
        ]
        if let token { headers["Authorization"] = "Bearer " + token }
        for (name, value) in extraHeaders { headers[name] = value }
        return HTTPRequest(method: .post, target: path, headers: headers, body: Array(body.utf8))
    }

    func send(_ request: HTTPRequest) -> SecurityAnswer {
        SecurityAnswer(simulator.respond(to: request))
    }

    /// A B2B token for `partner` from `path`; the test fails if that does not succeed.
    func b2bToken(_ partner: Partner, path: String, utc: Bool = false) throws -> String {
        let answer = send(try tokenRequest(
            partner, path: path, body: #"{"grantType":"client_credentials"}"#, timestamp: timestamp(utc: utc)))
        #expect(answer.code == "2007300", "\(answer.text)")
        return try #require(answer.body["accessToken"]?.stringValue)
    }

    /// A B2B2C customer token for `authCode`.
    func customerToken(_ partner: Partner, path: String, authCode: String, grantType: String = "AUTHORIZATION_CODE", utc: Bool = false)
        throws -> SecurityAnswer
    {
        send(try tokenRequest(
            partner, path: path, body: #"{"grantType":"\#(grantType)","authCode":"\#(authCode)"}"#,
            timestamp: timestamp(utc: utc)))
    }

    private func rsa(_ partner: Partner, _ text: String) throws -> [UInt8] {
        let key = try RSA.PrivateKey(pem: try #require(partner.privateKey))
        return key.signature(for: Array(text.utf8))
    }
}
