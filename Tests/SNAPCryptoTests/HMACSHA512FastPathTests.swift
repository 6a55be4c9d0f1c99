import SNAPCrypto
import Testing

/// `HMAC<SHA512>.authenticationCode(of:)`, the one-message path a server takes per signed request (whole blocks
/// from the message, tail and padding in one stack buffer), held to RFC 4231 and to the generic
/// update-and-finalize path for every message length around the block boundaries and keys of every kind.
@Suite struct HMACSHA512FastPathTests {
    @Test(arguments: HMACTests.vectors.filter { $0.algorithm == "HMAC-SHA512" && $0.truncatedByteCount == nil })
    func authenticationCode_MatchesRFC4231(_ vector: HMACVector) throws {
        let hmac = HMAC<SHA512>(key: try hexBytes(vector.key))
        let data = try hexBytes(vector.data)
        #expect(data.withUnsafeBytes { hmac.authenticationCode(of: $0) } == (try hexBytes(vector.mac)))
    }

    @Test(arguments: [0, 1, 32, 64, 111, 127, 128, 129, 200])
    func authenticationCode_EqualsTheGenericPath_ForEveryLength(keyLength: Int) {
        var generator = SeededGenerator(seed: UInt64(keyLength) + 3)
        let key = (0..<keyLength).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let text = (0..<400).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let hmac = HMAC<SHA512>(key: key)
        for length in 0...text.count {
            let message = Array(text[0..<length])
            let fast = message.withUnsafeBytes { hmac.authenticationCode(of: $0) }
            #expect(fast == HMAC<SHA512>.authenticationCode(for: message, using: key), "length \(length)")
        }
    }

    @Test func authenticationCode_AfterAPartialUpdate_CoversWhatWasFed() {
        // A key fed a few bytes first is no longer block-aligned: the code covers those bytes, then the message.
        let key = Array("snapsim-demo-secret-SANDBOX-ONLY".utf8)
        var hmac = HMAC<SHA512>(key: key)
        hmac.update(data: Array("POST:".utf8))
        let message = Array("/v1.0/balance-inquiry".utf8)
        let code = message.withUnsafeBytes { hmac.authenticationCode(of: $0) }
        #expect(code == HMAC<SHA512>.authenticationCode(for: Array("POST:/v1.0/balance-inquiry".utf8), using: key))
    }
}
