import SNAPCrypto
import SimHTTP
import SimJSON
import Testing

@testable import SNAPSim

/// NICEPAY's payout product (issue 19): its way of signing, and the notification the state machine produces.
@Suite struct NicepayPayoutTests {
    static let registration = "/nicepay/api/v1.0/transfer/registration"

    /// A NICEPAY transaction signed over `signedPath` with the SHA-256 of `hashed` (default: the body as sent).
    static func nicepayRequest(
        _ harness: inout ProfileHarness, path: String, signedPath: String, body: String, hashed: [UInt8]? = nil,
        token: String
    ) throws -> HTTPRequest {
        let partner = try harness.partner("IONPAYTEST")
        let timestamp = harness.timestamp()
        let hash = Hex.encode(SHA256.hash(data: hashed ?? Array(body.utf8)))
        let text = "POST:\(signedPath):\(token):\(hash):\(timestamp)"
        let signature = Base64.encode(HMAC<SHA512>.authenticationCode(for: Array(text.utf8), using: Array(partner.clientSecret.utf8)))
        return HTTPRequest(
            method: .post, target: path,
            headers: [
                "Content-Type": "Application/JSON", "Authorization": "Bearer " + token, "X-TIMESTAMP": timestamp,
                "X-SIGNATURE": signature, "X-PARTNER-ID": partner.clientId, "X-EXTERNAL-ID": harness.externalID(),
                "CHANNEL-ID": "IONPAYTEST01",
            ],
            body: Array(body.utf8))
    }

    static func registrationBody(_ reference: String, spaced: Bool) -> String {
        let (colon, comma) = spaced ? (": ", ", ") : (":", ",")
        let members = [
            ("partnerReferenceNo", "\"\(reference)\""), ("merchantId", "\"IONPAYTEST\""), ("msId", "\"\""),
            ("beneficiaryAccountNo", "\"6030901753\""), ("beneficiaryName", "\"John Doe\""),
            ("beneficiaryPhone", "\"08123456789\""), ("beneficiaryCustomerResidence", "\"1\""),
            ("beneficiaryCustomerType", "\"1\""), ("beneficiaryBankCode", "\"BDIN\""), ("payoutMethod", "\"1\""),
            ("amount", "{\"value\"\(colon)\"10000.00\"\(comma)\"currency\"\(colon)\"IDR\"}"),
            ("description", "\"payout 1\\/2\""), ("reservedDt", "\"\""), ("reservedTm", "\"\""),
        ]
        return "{" + members.map { "\"\($0.0)\"\(colon)\($0.1)" }.joined(separator: comma) + "}"
    }

    @Test func signsThePathWithoutNicepay_AndHashesTheBodyAsSent() throws {
        var harness = ProfileHarness()
        let token = try harness.b2bToken(try harness.partner("IONPAYTEST"), path: "/nicepay/v1.0/access-token/b2b")
        // python-nicepay: spaced json.dumps, hashed as sent, path without /nicepay; PHP's \/ escape inside.
        let spaced = Self.registrationBody("PY-1", spaced: true)
        let python = harness.send(try Self.nicepayRequest(
            &harness, path: Self.registration, signedPath: "/api/v1.0/transfer/registration", body: spaced, token: token))
        #expect(python.code == "2000000", "\(python.text)")
        #expect(python.body["originalReferenceNo"]?.stringValue?.hasPrefix("IONPAYTEST0720261121181947") == true)

        // Java's Gson: compact body; a client that hashes the minified form of a spaced body is accepted too.
        let minifiedOfSpaced = JSONMinifier.minify(Array(Self.registrationBody("PY-2", spaced: true).utf8))
        let java = harness.send(try Self.nicepayRequest(
            &harness, path: Self.registration, signedPath: "/api/v1.0/transfer/registration",
            body: Self.registrationBody("PY-2", spaced: true), hashed: minifiedOfSpaced, token: token))
        #expect(java.code == "2000000", "\(java.text)")

        // The full path as requested verifies as well (clients that sign the URL's path).
        let full = harness.send(try Self.nicepayRequest(
            &harness, path: Self.registration, signedPath: Self.registration,
            body: Self.registrationBody("PY-3", spaced: false), token: token))
        #expect(full.code == "2000000", "\(full.text)")

        // Another endpoint's path in the string does not.
        let wrong = harness.send(try Self.nicepayRequest(
            &harness, path: Self.registration, signedPath: "/api/v1.0/transfer/approve",
            body: Self.registrationBody("PY-4", spaced: false), token: token))
        #expect(wrong.code == "4010000")
        #expect(wrong.explain?["stringToSign"]?.stringValue?.hasPrefix("POST:/api/v1.0/transfer/registration:") == true)
    }

    @Test func refusesTimestampsOutsideJakartaTime() throws {
        var harness = ProfileHarness()
        let nicepay = try harness.partner("IONPAYTEST")
        let token = try harness.b2bToken(nicepay, path: "/nicepay/v1.0/access-token/b2b")
        let answer = harness.send(try harness.transaction(
            nicepay, path: "/nicepay/api/v1.0/balance-inquiry", body: #"{"accountNo":"IONPAYTEST"}"#, token: token,
            timestamp: harness.timestamp(utc: true), channel: "IONPAYTEST01"))
        #expect(answer.code == "4001101")
        #expect(answer.message == "Invalid Field Format X-TIMESTAMP")
    }

    @Test func bodyHash_MatchesNicepaysNodeSDKVector() {
        // nodejs-nicepay test/helper.test.js: the body and the hash its signature covers.
        let body = #"{"merchantId":"IONPAYTEST","originalPartnerReferenceNo":"order1677048512514","originalReferenceNo":"IONPAYTEST07202302221348332909"}"#
        let variants = SigningVariants(strippedPathPrefix: "/nicepay", bodyHashInputs: [.raw, .minified])
        let request = HTTPRequest(method: .post, target: "/nicepay/api/v1.0/transfer/registration", headers: [:], body: Array(body.utf8))
        let strings = variants.stringsToSign(request, accessToken: "T", timestamp: "2023-02-22T17:25:04+07:00")
        #expect(strings.map(\.text) == [
            "POST:/api/v1.0/transfer/registration:T:14cfc0aa062edc5154e97839b97840208a20c4d25a1fc2d3dc5e4053c39d091a:2023-02-22T17:25:04+07:00",
            "POST:/nicepay/api/v1.0/transfer/registration:T:14cfc0aa062edc5154e97839b97840208a20c4d25a1fc2d3dc5e4053c39d091a:2023-02-22T17:25:04+07:00",
        ])
        #expect(SigningVariants.standard.stringsToSign(request, accessToken: "T", timestamp: "t").map(\.target)
            == ["/nicepay/api/v1.0/transfer/registration"])
    }

    // MARK: - Notification

    static func payout(_ tXid: String, plan: PayoutOutcome, reservedAt: SimTime? = nil) -> Payout {
        Payout(
            tXid: tXid, partnerReferenceNo: "ref-" + tXid, merchantId: "IONPAYTEST", accountNo: "IONPAYTEST",
            beneficiaryAccountNo: "6030901753", beneficiaryName: "John Doe", beneficiaryBankCode: "BDIN",
            beneficiaryPhone: "08123456789", beneficiaryCustomerResidence: "1", beneficiaryCustomerType: "1",
            payoutMethod: "1", amount: Amount(rupiah: 10_000), fee: Amount(rupiah: 2_500), description: nil,
            reservedAt: reservedAt, registeredAt: ProfileHarness.start, approvedAt: nil, plan: plan)
    }

    @Test func finalSuccess_ProducesANotificationSignedWithTheNicepayKey() throws {
        let fixtures = LoadedFixtures.defaults
        let merchants = fixtures.payouts.merchants
        let merchant = try #require(merchants["IONPAYTEST"])
        var ledger = fixtures.ledger
        var book = PayoutBook()
        let later = ProfileHarness.start + .seconds(3600)
        book.register(Self.payout("T1", plan: .success, reservedAt: later))
        book.register(Self.payout("T2", plan: .failed))
        #expect(book.approve("T1", at: ProfileHarness.start, ledger: &ledger, merchants: merchants))
        #expect(book.approve("T2", at: ProfileHarness.start, ledger: &ledger, merchants: merchants))
        #expect(book.payout("T2")?.status == .failed)
        #expect(book.notices.isEmpty)  // 09 is not notified: IONPAYTEST's notifyOn is ["00"], NICEPAY's "when success"
        #expect(ledger.payoutBalance("IONPAYTEST") == Amount(rupiah: 24_500_000 - 12_500))

        book.advance(to: later, ledger: &ledger, merchants: merchants)
        #expect(book.payout("T1")?.status == .success)
        let notices = book.takeNotices()
        #expect(book.notices.isEmpty)
        let notice = try #require(notices.first)
        #expect(notices.count == 1)
        #expect(notice.time == later)

        let privateKey = try #require(merchant.notificationPrivateKey)
        let draft = try NotificationDraft(notice, privateKeyPEM: privateKey)
        #expect(draft.url == "http://127.0.0.1:9080/api/v1.0/transfer/notify")
        #expect(draft.headers.map(\.name) == ["Content-Type", "X-TIMESTAMP", "X-CLIENT-KEY", "X-SIGNATURE"])
        #expect(draft.header("X-TIMESTAMP") == "2026-11-21T19:19:47+07:00")
        #expect(draft.header("X-CLIENT-KEY") == "IONPAYTEST")
        let parsed = try JSONParser.parse(draft.body)
        let body = try #require(parsed.objectValue)
        #expect(body["originalReferenceNo"] == "T1")
        #expect(body["originalPartnerReferenceNo"] == "ref-T1")
        #expect(body["latestTransactionStatus"] == "00")
        #expect(body["amount"] == ["value": "10000.00", "currency": "IDR"])

        // The merchant verifies with NICEPAY's notification public key over clientId|X-TIMESTAMP — not the body —
        // and that key is not IONPAYTEST's own transaction key.
        let publicKey = try #require(merchant.notificationPublicKey)
        let key = try RSA.PublicKey(pem: publicKey)
        let header = try #require(draft.header("X-SIGNATURE"))
        let signature = try #require(Base64.decode(header))
        #expect(key.isValidSignature(signature, for: Array("IONPAYTEST|2026-11-21T19:19:47+07:00".utf8)))
        #expect(!key.isValidSignature(signature, for: draft.body))
        #expect(merchant.notificationPublicKey != fixtures.partners["IONPAYTEST"]?.publicKey)
    }

    @Test func suspect_ResolvesOnTheClock_AndCancelReleasesTheHold() {
        let merchants = LoadedFixtures.defaults.payouts.merchants
        var ledger = LoadedFixtures.defaults.ledger
        var book = PayoutBook()
        var suspect = Self.payout("S1", plan: .suspect)
        suspect.resolvesTo = .failed
        book.register(suspect)
        book.register(Self.payout("C1", plan: .success, reservedAt: ProfileHarness.start + .seconds(60)))
        _ = book.approve("S1", at: ProfileHarness.start, ledger: &ledger, merchants: merchants)
        _ = book.approve("C1", at: ProfileHarness.start, ledger: &ledger, merchants: merchants)
        #expect(book.payout("S1")?.status == .suspect)
        #expect(book.payout("C1")?.isWaitingForSchedule == true)
        #expect(ledger.payoutBalance("IONPAYTEST") == Amount(rupiah: 24_500_000 - 25_000))
        book.cancel("C1", at: ProfileHarness.start, ledger: &ledger, merchants: merchants)
        book.advance(to: ProfileHarness.start + .seconds(599), ledger: &ledger, merchants: merchants)
        #expect(book.payout("S1")?.status == .suspect)
        book.advance(to: ProfileHarness.start + .seconds(600), ledger: &ledger, merchants: merchants)
        #expect(book.payout("S1")?.status == .failed)
        #expect(book.payout("C1")?.status == .canceled)
        #expect(ledger.payoutBalance("IONPAYTEST") == Amount(rupiah: 24_500_000))
    }
}
