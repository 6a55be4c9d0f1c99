import SNAPCrypto
import SNAPSim
import Testing

@Suite struct SecurityStringToSignTests {
    /// snap.md §5: a provider's published HMAC-SHA512 vector.
    @Test func stringToSign_ReproducesSNAPVector() {
        let body = #"{"partnerReferenceNo":"2020102900000000000001","amount":{"value":"12345678.00","currency":"IDR"},"#
            + #""feeAmount":{"value":"12345678.00","currency":"IDR"},"merchantId":"00007100010926","#
            + #""terminalId":"213141251124","validityPeriod":"2009-07-03T12:08:56-07:00"}"#
        let string = StringToSign(
            method: "POST", target: "/v1.0/qr/qr-mpm-generate", accessToken: "myaccesstoken", body: Array(body.utf8),
            timestamp: "2024-03-05T10:37:16.196Z")
        #expect(string.bodyHash == "01463f60dbb6ca538581579dd95b31c8ba9fc6600eca750e4d8460ca4e402111")
        let signature = HMAC<SHA512>.authenticationCode(for: Array(string.text.utf8), using: Array("myclientsecret".utf8))
        #expect(Base64.encode(signature) == "wmzT7yjg1SxxCsxNsFgCR9SYXiZGGbceF6fV8xe97sAMHxZ+7OEBMIBmvb6Sj6GcksGp3iv77DiomgSbcST3XQ==")
    }

    @Test func stringToSign_HashesSpacedBodyAsMinified() {
        let compact = StringToSign.bodyHash(of: Array(#"{"a":"x y","b":[1,2]}"#.utf8))
        let spaced = StringToSign.bodyHash(of: Array("{ \"a\" : \"x y\",\n \"b\" : [ 1, 2 ] }\n".utf8))
        #expect(compact == spaced)
    }

    @Test func stringToSign_HashesEmptyBodyAsEmptyString() {
        #expect(StringToSign.bodyHash(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func stringToSign_OmitsTokenForAsymmetricForm() {
        let string = StringToSign(method: "GET", target: "/a?b=1", accessToken: nil, bodyHash: "h", timestamp: "t")
        #expect(string.text == "GET:/a?b=1:h:t")
        #expect(StringToSign.accessTokenRequest(clientKey: "k", timestamp: "t") == "k|t")
    }
}

@Suite struct SecurityJSONMinifierTests {
    @Test func minify_RemovesWhitespaceOutsideStringsOnly() {
        let body = "{ \"a b\" : \"c \\\" d\" ,\t\"e\":\r\n[ 1 , 2 ] }"
        #expect(JSONMinifier.minify(Array(body.utf8)) == Array(#"{"a b":"c \" d","e":[1,2]}"#.utf8))
    }

    @Test func minify_KeepsKeyOrderEscapesAndNumbers() {
        let body = #"{"z": 1.50, "a": "\u00e9\/", "m": 1e3}"#
        #expect(JSONMinifier.minify(Array(body.utf8)) == Array(#"{"z":1.50,"a":"\u00e9\/","m":1e3}"#.utf8))
    }

    @Test(arguments: ["{\"a\": ", "not json at all", "{\"a\": \"unterminated}", "\u{FF}\u{FE} {}"])
    func minify_ReturnsRawBytes_WhenBodyIsNotJSON(text: String) {
        #expect(JSONMinifier.minify(Array(text.utf8)) == Array(text.utf8))
    }

    @Test func minify_NeverCrashes_OnArbitraryBytes() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0..<64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = StringToSign.bodyHash(of: bytes)
        }
        let deep = Array(String(repeating: "[", count: 100_000).utf8)
        #expect(JSONMinifier.minify(deep) == deep)
    }
}

@Suite struct SecurityStoreTests {
    private let start = SimTime(millisecondsSince1970: 1_800_000_000_000)

    @Test func tokenStore_RemembersExpiry() throws {
        var store = AccessTokenStore()
        store.issue("t1", to: "p", at: start, lifetime: .seconds(900))
        let issued = try #require(store.lookup("t1"))
        #expect(!issued.isExpired(at: start + .seconds(899)))
        #expect(issued.isExpired(at: start + .seconds(900)))
        #expect(store.lookup("t2") == nil)
    }

    @Test func tokenStore_ForgetsLongExpiredTokens() {
        var store = AccessTokenStore()
        store.issue("old", to: "p", at: start, lifetime: .seconds(900))
        store.issue("new", to: "p", at: start + .seconds(2 * 86_400), lifetime: .seconds(900))
        #expect(store.lookup("old") == nil)
        #expect(store.lookup("new") != nil)
    }

    @Test func tokenStore_StaysWithinCapacity() {
        var store = AccessTokenStore()
        for index in 0..<(AccessTokenStore.capacity + 50) {
            store.issue("t\(index)", to: "p", at: start, lifetime: .seconds(900))
        }
        #expect(store.count <= AccessTokenStore.capacity)
        #expect(store.lookup("t\(AccessTokenStore.capacity + 49)") != nil)
    }

    @Test func externalIDRegistry_ForgetsPreviousJakartaDay() {
        // 2026-11-21T23:59:00+07:00 and one minute later.
        let evening = ISO8601Timestamp("2026-11-21T23:59:00+07:00")!.time
        var registry = ExternalIDRegistry()
        registry.record("1", at: evening)
        #expect(registry.firstUse(of: "1", at: evening + .seconds(59)) == evening)
        #expect(registry.firstUse(of: "1", at: evening + .seconds(60)) == nil)
        registry.record("2", at: evening + .seconds(60))
        #expect(registry.count == 1)
    }
}
