import SNAPCrypto
import SNAPSim
import SimHTTP
import Testing
import SimJSON

/// A partner as the tests sign for it, independent of the simulator's own string-to-sign builder.
struct TestPartner {
    let id: String
    let secret: String
    let publicKey: String
    let privateKey: String
    let signing: SigningMode
    let channelId: String?

    static let alpha = TestPartner(
        id: "partner-alpha", secret: "alpha-secret-0123456789", publicKey: TestKeys.alphaPublic,
        privateKey: TestKeys.alphaPrivate, signing: .symmetric, channelId: "95221")
    static let beta = TestPartner(
        id: "partner-beta", secret: "beta-secret-9876543210", publicKey: TestKeys.betaPublic,
        privateKey: TestKeys.betaPrivate, signing: .symmetric, channelId: nil)
    /// Signs transactions with RSA and no token, as DANA does.
    static let rsa = TestPartner(
        id: "partner-rsa", secret: "rsa-secret-5555555555", publicKey: TestKeys.betaPublic,
        privateKey: TestKeys.betaPrivate, signing: .asymmetric, channelId: nil)

    var fixture: Partner {
        Partner(
            clientId: id, name: id, clientSecret: secret, publicKey: publicKey, channelId: channelId, signing: signing)
    }

    func rsaSign(_ text: String) -> [UInt8] {
        // Test keys are known good; a failure here is a broken test file.
        let key = try! RSA.PrivateKey(pem: privateKey)
        return key.signature(for: Array(text.utf8))
    }

    func hmacSign(_ text: String, secret: String? = nil) -> [UInt8] {
        HMAC<SHA512>.authenticationCode(for: Array(text.utf8), using: Array((secret ?? self.secret).utf8))
    }
}

/// A simulator on a fixed clock with the default fixtures (real catalogue, ledger and routes) plus three test
/// partners, and helpers to call it as a partner would.
struct SecurityWorld {
    /// 2026-11-21T18:19:47+07:00.
    static let start = ISO8601Timestamp("2026-11-21T18:19:47+07:00")!.time
    static let tokenPath = "/v1.0/access-token/b2b"
    /// A transactional route (balance inquiry, service 11).
    static let transactionPath = "/v1.0/balance-inquiry"
    /// A route secured by the bearer token alone (seed 000's limit check, service 00).
    static let bearerPath = "/b2b/customer/balance/limit?accountId=081977817902"

    let clock: SimulatorClock
    let simulator: Simulator
    private var externalIDCounter = 0

    init(settings: SecuritySettings? = nil, partners: [TestPartner] = [.alpha, .beta, .rsa]) {
        clock = .fixed(at: Self.start)
        var fixtures = LoadedFixtures.defaults
        if let settings { fixtures.security = settings }
        for partner in partners { fixtures.partners[partner.id] = partner.fixture }
        simulator = Simulator(fixtures: fixtures, options: SimulatorOptions(seed: 42, clock: clock))
    }

    /// The simulator clock as `+07:00` text.
    var now: String { ISO8601Timestamp.format(clock.now(), offsetMinutes: CivilDate.jakartaOffsetMinutes) }

    mutating func nextExternalID() -> String {
        externalIDCounter += 1
        return "4100000000" + String(externalIDCounter)
    }

    func tokenRequest(_ partner: TestPartner, timestamp: String? = nil, body: String = #"{"grantType":"client_credentials"}"#)
        -> HTTPRequest
    {
        let timestamp = timestamp ?? now
        let signature = Base64.encode(partner.rsaSign(partner.id + "|" + timestamp))
        return HTTPRequest(
            method: .post, target: Self.tokenPath,
            headers: [
                "Content-Type": "application/json", "X-TIMESTAMP": timestamp, "X-CLIENT-KEY": partner.id,
                "X-SIGNATURE": signature,
            ],
            body: Array(body.utf8))
    }

    func send(_ request: HTTPRequest) -> SecurityAnswer {
        SecurityAnswer(simulator.respond(to: request))
    }

    /// Requests a token and returns it; the test fails if that does not succeed.
    func token(for partner: TestPartner) throws -> String {
        let answer = send(tokenRequest(partner))
        #expect(answer.code == "2007300")
        return try #require(answer.body["accessToken"]?.stringValue)
    }
}

/// A transaction as a partner builds it: each input of the string-to-sign can be set apart from what is sent.
struct SignedCall {
    var partner: TestPartner
    var token: String?
    var method: HTTPMethod = .post
    var target = SecurityWorld.transactionPath
    /// A balance inquiry of an account in the default fixtures, so a call that passes security answers 2001100.
    var body = #"{"partnerReferenceNo":"2020102900000000000001","accountNo":"12345678"}"#
    /// The body as hashed into the string-to-sign; `nil` hashes `body`.
    var signedBody: String?
    var timestamp: String
    var signedTimestamp: String?
    var signedTarget: String?
    var signedToken: String?
    var externalID: String
    var channelID = "95221"
    var hex = false
    var secret: String?

    init(_ partner: TestPartner, token: String?, world: inout SecurityWorld) {
        self.partner = partner
        self.token = token
        self.timestamp = world.now
        self.externalID = world.nextExternalID()
    }

    var stringToSign: String {
        let hash = Hex.encode(SHA256.hash(data: Array((signedBody ?? body).utf8)))
        let tokenPart = partner.signing == .symmetric ? ":" + (signedToken ?? token ?? "") : ""
        return "\(method.rawValue):\(signedTarget ?? target)\(tokenPart):\(hash):\(signedTimestamp ?? timestamp)"
    }

    var signature: String {
        let bytes = partner.signing == .symmetric
            ? partner.hmacSign(stringToSign, secret: secret) : partner.rsaSign(stringToSign)
        return hex ? Hex.encode(bytes) : Base64.encode(bytes)
    }

    var request: HTTPRequest {
        var headers: HTTPHeaders = [
            "Content-Type": "application/json", "X-TIMESTAMP": timestamp, "X-SIGNATURE": signature,
            "X-PARTNER-ID": partner.id, "X-EXTERNAL-ID": externalID, "CHANNEL-ID": channelID,
        ]
        if let token { headers["Authorization"] = "Bearer " + token }
        return HTTPRequest(method: method, target: target, headers: headers, body: Array(body.utf8))
    }
}

/// A rendered reply, parsed.
struct SecurityAnswer {
    let status: Int
    let headers: HTTPHeaders
    let body: JSONObject
    let text: String

    init(_ reply: HTTPReply) {
        guard case .respond(let response) = reply.action else {
            status = 0
            headers = [:]
            body = [:]
            text = ""
            return
        }
        status = response.status.code
        headers = response.headers
        text = String(decoding: response.body, as: UTF8.self)
        body = (try? JSONParser.parse(response.body))?.objectValue ?? [:]
    }

    var code: String? { body["responseCode"]?.stringValue }
    var message: String? { body["responseMessage"]?.stringValue }
    var explain: JSONObject? { body["additionalInfo"]?.objectValue?["explain"]?.objectValue }
    var summary: String? { explain?["summary"]?.stringValue }
    var causes: [String] {
        explain?["diagnosis"]?.arrayValue?.compactMap { $0.objectValue?["cause"]?.stringValue } ?? []
    }
}
