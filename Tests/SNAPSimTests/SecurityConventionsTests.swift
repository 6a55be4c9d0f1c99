import SNAPCrypto
import SNAPSim
import SimHTTP
import Testing
import SimJSON

/// The knobs provider profiles will set, driven through the pipeline directly.
@Suite struct SecurityConventionsTests {
    private static let tokenRoute = Route(serviceName: "access-token-b2b", serviceCode: .accessTokenB2B, security: .accessToken)
    private static let inquiryRoute = Route(serviceName: "balance-inquiry", serviceCode: .balanceInquiry, security: .transaction)

    private static func fixtures() -> LoadedFixtures {
        var fixtures = LoadedFixtures.defaults
        for partner in [TestPartner.alpha, .rsa] { fixtures.partners[partner.id] = partner.fixture }
        return fixtures
    }

    /// The state of the partner a test's requests come from.
    private static func states(_ fixtures: LoadedFixtures) -> PartnerState {
        PartnerState(ledger: fixtures.ledger, ids: IDGenerator(seed: 1))
    }

    @Test func expiresIn_IsNumber_WhenConventionsSayNumber() throws {
        let pipeline = SecurityPipeline { _, _ in SecurityConventions(expiresIn: .number) }
        let fixtures = Self.fixtures()
        var states = Self.states(fixtures)
        let world = SecurityWorld()
        let exchange = Exchange(request: world.tokenRequest(.alpha), route: Self.tokenRoute, receivedAt: SecurityWorld.start)
        let fields = try pipeline.issueAccessToken(exchange, world: World(fixtures), state: &states)
        #expect(fields["expiresIn"] == .number("900"))
        #expect(fields["tokenType"] == "Bearer")
    }

    @Test(arguments: [
        (SecurityConventions.TimestampZones.jakarta, "2026-11-21T11:19:47Z", false),
        (.jakarta, "2026-11-21T18:19:47+07:00", true),
        (.utc, "2026-11-21T18:19:47+07:00", false),
        (.utc, "2026-11-21T11:19:47Z", true),
    ])
    func timestampZones_AreEnforced(zones: SecurityConventions.TimestampZones, timestamp: String, accepted: Bool) {
        let pipeline = SecurityPipeline { _, _ in SecurityConventions(timestampZones: zones) }
        let fixtures = Self.fixtures()
        var states = Self.states(fixtures)
        var world = SecurityWorld()
        var call = SignedCall(.rsa, token: nil, world: &world)
        call.timestamp = timestamp
        let exchange = Exchange(request: call.request, route: Self.inquiryRoute, receivedAt: SecurityWorld.start)
        do {
            _ = try pipeline.authenticate(exchange, world: World(fixtures), state: &states)
            #expect(accepted)
        } catch {
            #expect(!accepted)
            #expect(error.key == CaseKey(httpStatus: 400, caseCode: "01"))
        }
    }

    @Test func hexSignature_RejectedWithDiagnosis_WhenOnlyBase64Accepted() throws {
        let pipeline = SecurityPipeline { _, _ in SecurityConventions(signatureEncodings: [.base64]) }
        let fixtures = Self.fixtures()
        var states = Self.states(fixtures)
        var world = SecurityWorld()
        var call = SignedCall(.rsa, token: nil, world: &world)
        call.hex = true
        let exchange = Exchange(request: call.request, route: Self.inquiryRoute, receivedAt: SecurityWorld.start)
        do {
            _ = try pipeline.authenticate(exchange, world: World(fixtures), state: &states)
            Issue.record("a hex signature must be refused")
        } catch {
            #expect(error.key == CaseKey(httpStatus: 401, caseCode: "00"))
            let diagnosis = error.explanation?["diagnosis"]?.arrayValue?.first?.objectValue
            #expect(diagnosis?["cause"] == "signature-encoding-not-accepted")
        }
    }

    @Test func authenticate_ReturnsVerdict_WhenSignatureGood() throws {
        let fixtures = Self.fixtures()
        var states = Self.states(fixtures)
        var world = SecurityWorld()
        var call = SignedCall(.rsa, token: nil, world: &world)
        call.hex = true
        let exchange = Exchange(request: call.request, route: Self.inquiryRoute, receivedAt: SecurityWorld.start)
        let caller = try SecurityPipeline().authenticate(exchange, world: World(fixtures), state: &states)
        #expect(caller.clientId == "partner-rsa")
        #expect(caller.externalID == call.externalID)
        #expect(caller.verdict.stringToSign == call.stringToSign)
        #expect(caller.verdict.signatureEncoding == .hex)
        #expect(caller.verdict.signingMode == .asymmetric)
    }
}
