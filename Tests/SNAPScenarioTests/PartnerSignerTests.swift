import SNAPScenario
import SNAPSim
import SimHTTP
import Testing
import SimJSON

/// A test-only RSA-2048 key made with
/// `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out gamma.pem` and
/// `openssl pkey -in gamma.pem -pubout -out gamma.pub.pem`. Never use it anywhere else.
private enum GammaKey {
    static let privatePEM = """
-----BEGIN PRIVATE KEY-----
MIIEvwIBADANBgkqhkiG9w0BAQEFAASCBKkwggSlAgEAAoIBAQCq6/RTe57uCgC0
ySD7+aNkfR5p6TZQAUIdY+Gowu1UnESStD6lJVS/PJ14q9OAahOuDN1bCrU/BSHh
UKsF/adT/E6fdWDNMXSR4QtxW+vhQFC6RwfEHgJ67Hun4Ar1XjAm1PgKEIwadlRA
Bls+WGUwC0bnMugcYaKei0yozgTJwrVrLrv6P7r2zMMy8EzRY789dEPSv+hOqHEJ
RyRCfnAHS4WRGrh+xqiyVQEhfvqasZ2ivpYYFiFTnq+FFb5xU0eyVF3xunHA61hV
0bbfCam1LAGDIvzyb3oA2C0wGcA1nTnxiOVR6kTiWDKzBYxdvHxRexSQEoDFJvuL
8q04VdPBAgMBAAECggEAJK+0F9YlKQUrHSK9inAM/tTvOf7lWjtG6F2HskwymjJX
cqCvAI34eHqndx70bO/3zOg0e+XavM3adYz1xHmrGHcDnizYy/o1QdmKtfhrswO1
wCHeXB0v3ZgUO5Z2a6+diLw2CB0AoW5sC3kBzSo2f98vxxCxauQW/k46dFISC4b+
Ukf3STE/hLpk3C1W4Sm3Z1oFUEx2eCJ421vUYBfHlgs5VLnGZB2ICX6VEEHeb9xw
Inb2TTUkBdodm5WBkjpI7vXe+MuySVCep7VJvqD8n5UF50esJzjr7OBUVOMv5BXE
Ed6npA403xzQs0Krlwzv6knh7Ej/ljNHzYHOqAW1xQKBgQDS7oRim8Rv5hJvkeAr
SNz8XLAwBUa1eWi6IlaELq3HKTeHNIKWe4c0IjE3rEELPwc5mJszs+hFCfsAcr+H
oVL9cqxK5nvEoR5y5pmRbHl9x8/nkN/34kBeWKr0OiR/CTTYtHaA1z3oGZ5ilbJE
vbs2FNCI54Wz58uoTAYz7nbN7QKBgQDPcPskYBrxtX5a4VC3z6DArww7sFvz2Wdj
aI771CupAwHY08lMu26D2FsHXoDqzwbDn0pbadqM9pAwYW6Okpm7Q6HMB1MOvj8k
AWvsUpHcCFZIUiHoc6v2uKfchRQn52F+Ru1SMKI3xU46jw2I+TFlxYoiSJDObRlV
9MO/AdxCpQKBgQCrhjP3L+3MhM3nFjuxVx4ExaasVg4K0oCcJAIwmPjNZLH363Zp
wmfOuCNHv3ZhG87XQkarA5hUU+pdkfI367Ld0NtUSRrKaa6mBulIPWqKIuroxoGq
RLzNO9NAqOs2tpjXw+A9o0p/LB4E0vBVP+g18TUmrwalpk+ROsksf7TyfQKBgQCI
Tv030c7itRfqL9QSdGR1OJEZR7Gkcl71e2c5IxntXQSBrejAewkLqcdm+DpOEOuo
76q0lsH9jqcAo4U6Oiq6Wp6eqtFxBqIGzshT6Y3ev7uymgWd8SQ2YvAqf2fXMLtn
dsPLFhoB+6yD3ixOrTBAZ6V1EanVeusDCGr3wAkz4QKBgQCGveBNXjfHiNe/uP6n
LFLsCYINSqvhMBF0H4g14PDX81DIuI2piR/lBpfvKLEW+eDCzsE+gjFrR8LFyJhl
Ku5GAsyoVDW1ENp0eiqHYyfavjWzCzSYO+4gzJSKUct6LMC6FMDrLYeq+f5gzOyA
AHWtkM2e36MsuxmGQCk4lqq8/Q==
-----END PRIVATE KEY-----
"""
    static let publicPEM = """
-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAquv0U3ue7goAtMkg+/mj
ZH0eaek2UAFCHWPhqMLtVJxEkrQ+pSVUvzydeKvTgGoTrgzdWwq1PwUh4VCrBf2n
U/xOn3VgzTF0keELcVvr4UBQukcHxB4Ceux7p+AK9V4wJtT4ChCMGnZUQAZbPlhl
MAtG5zLoHGGinotMqM4EycK1ay67+j+69szDMvBM0WO/PXRD0r/oTqhxCUckQn5w
B0uFkRq4fsaoslUBIX76mrGdor6WGBYhU56vhRW+cVNHslRd8bpxwOtYVdG23wmp
tSwBgyL88m96ANgtMBnANZ058YjlUepE4lgyswWMXbx8UXsUkBKAxSb7i/KtOFXT
wQIDAQAB
-----END PUBLIC KEY-----
"""
}

@Suite struct PartnerSignerTests {
    private static let start = ISO8601Timestamp("2026-11-21T18:19:47+07:00")!.time

    private static func partner(_ id: String, signing: SigningMode, privateKey: String? = GammaKey.privatePEM) -> Partner {
        Partner(
            clientId: id, name: id, clientSecret: "\(id)-secret-for-tests", publicKey: GammaKey.publicPEM,
            privateKey: privateKey, signing: signing)
    }

    /// The default fixtures (real routes, catalogue and ledger) plus `partners`.
    private static func simulator(_ partners: [Partner]) -> Simulator {
        var fixtures = LoadedFixtures.defaults
        for partner in partners { fixtures.partners[partner.clientId] = partner }
        return Simulator(fixtures: fixtures, options: SimulatorOptions(seed: 7, clock: .fixed(at: start)))
    }

    private static let inquiry = Array(#"{"partnerReferenceNo": "1", "accountNo": "12345678"}"#.utf8)

    private static func body(_ reply: HTTPReply) -> JSONObject {
        guard case .respond(let response) = reply.action else { return [:] }
        return (try? JSONParser.parse(response.body))?.objectValue ?? [:]
    }

    @Test func signer_TokenAndTransaction_PassTheSimulator_WhenSymmetric() throws {
        let partner = Self.partner("signer-sym", signing: .symmetric)
        let simulator = Self.simulator([partner])
        let signer = try PartnerSigner(partner: partner)
        let timestamp = PartnerSigner.timestamp(Self.start)
        let tokenAnswer = Self.body(simulator.respond(to: try signer.tokenRequest(timestamp: timestamp)))
        #expect(tokenAnswer["responseCode"] == "2007300")
        let token = try #require(tokenAnswer["accessToken"]?.stringValue)
        let request = try signer.transactionRequest(
            method: .post, target: "/v1.0/balance-inquiry", body: Self.inquiry, token: token,
            timestamp: timestamp, externalID: "1")
        #expect(request.headers["Authorization"] == "Bearer " + token)
        #expect(Self.body(simulator.respond(to: request))["responseCode"] == "2001100")
    }

    @Test func signer_Transaction_PassesTheSimulator_WhenAsymmetricAndHex() throws {
        let partner = Self.partner("signer-rsa", signing: .asymmetric)
        let simulator = Self.simulator([partner])
        var signer = try PartnerSigner(partner: partner)
        signer.signatureEncoding = .hex
        let request = try signer.transactionRequest(
            method: .post, target: "/v1.0/balance-inquiry", body: Self.inquiry, token: nil,
            timestamp: "2026-11-21T11:19:47Z", externalID: "sdk-1")
        #expect(request.headers["Authorization"] == nil)
        #expect(Self.body(simulator.respond(to: request))["responseCode"] == "2001100")
    }

    /// snap.md §5 reproduced through the signer.
    @Test func signer_ReproducesSNAPVector() throws {
        var partner = Self.partner("vector", signing: .symmetric, privateKey: nil)
        partner.clientSecret = "myclientsecret"
        let body = #"{"partnerReferenceNo":"2020102900000000000001","amount":{"value":"12345678.00","currency":"IDR"},"#
            + #""feeAmount":{"value":"12345678.00","currency":"IDR"},"merchantId":"00007100010926","#
            + #""terminalId":"213141251124","validityPeriod":"2009-07-03T12:08:56-07:00"}"#
        let headers = try PartnerSigner(partner: partner).transactionHeaders(
            method: .post, target: "/v1.0/qr/qr-mpm-generate", body: Array(body.utf8), token: "myaccesstoken",
            timestamp: "2024-03-05T10:37:16.196Z", externalID: "1")
        #expect(headers["X-SIGNATURE"] == "wmzT7yjg1SxxCsxNsFgCR9SYXiZGGbceF6fV8xe97sAMHxZ+7OEBMIBmvb6Sj6GcksGp3iv77DiomgSbcST3XQ==")
        #expect(headers["CHANNEL-ID"] == "95221")
    }

    @Test func signer_Throws_WhenSymmetricWithoutToken() throws {
        let signer = try PartnerSigner(partner: Self.partner("p", signing: .symmetric))
        #expect(throws: PartnerSignerError.self) {
            _ = try signer.transactionHeaders(
                method: .post, target: "/x", body: [], token: nil, timestamp: "t", externalID: "1")
        }
    }

    @Test func signer_ThrowsNoPrivateKey_WhenTokenRequestedWithoutKey() throws {
        let signer = try PartnerSigner(partner: Self.partner("p", signing: .symmetric, privateKey: nil))
        do {
            _ = try signer.tokenRequestHeaders(timestamp: "t")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .noPrivateKey)
        }
    }

    @Test func signer_ThrowsUnusablePrivateKey_WhenPEMBroken() {
        do {
            _ = try PartnerSigner(partner: Self.partner("p", signing: .asymmetric, privateKey: "not a key"))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unusablePrivateKey)
        }
    }
}
