import SNAPCrypto
import Testing

/// SNAPCrypto held to Google's Wycheproof vectors (github.com/C2SP/wycheproof, vendored under
/// `Vectors/wycheproof/`): every `valid` case accepted, every `invalid` one refused, every `acceptable` one
/// decided by ``AcceptableDecision``.
@Suite struct WycheproofTests {
    static let rsaFiles = [
        "rsa_signature_2048_sha256_test.json", "rsa_signature_3072_sha256_test.json",
        "rsa_signature_4096_sha256_test.json", "rsa_signature_2048_sha512_test.json",
        "rsa_signature_3072_sha512_test.json", "rsa_signature_4096_sha512_test.json",
    ]

    @Test(arguments: rsaFiles)
    func isValidSignature_DecidesEveryWycheproofCase(_ name: String) throws {
        let file = try WycheproofFile<WycheproofRSAGroup>.load(name)
        #expect(file.algorithm == "RSASSA-PKCS1-v1_5")
        var counts: [WycheproofResult: Int] = [:]
        for group in file.testGroups {
            let hash = try #require(group.hash, "unknown hash \(group.sha)")
            let key = try RSA.PublicKey(derRepresentation: hexBytes(group.publicKeyDer))
            #expect(key.modulusBitCount == group.keySize)
            for test in group.tests {
                counts[test.result, default: 0] += 1
                let expected: Bool
                switch test.result {
                case .valid: expected = true
                case .invalid: expected = false
                case .acceptable:
                    // Every flag must be decided, and the decisions must agree.
                    let decisions = Set(test.flags.compactMap { AcceptableDecision.rsa[$0] })
                    let undecided = test.flags.filter { AcceptableDecision.rsa[$0] == nil }
                    #expect(undecided.isEmpty, "tcId \(test.tcId): undecided acceptable flags \(undecided)")
                    #expect(decisions.count == 1, "tcId \(test.tcId): flags \(test.flags) decide differently")
                    expected = decisions.first ?? false
                }
                let accepted = key.isValidSignature(try hexBytes(test.sig), for: try hexBytes(test.msg), hash: hash)
                #expect(
                    accepted == expected,
                    "tcId \(test.tcId) \(test.result) \(test.flags): \(test.comment)")
            }
        }
        // The file was read whole, and holds cases of each kind the suite is meant to prove.
        #expect(counts.values.reduce(0, +) == file.numberOfTests)
        #expect(counts[.valid, default: 0] >= 7)
        #expect(counts[.invalid, default: 0] >= 200)
    }

    @Test(arguments: ["hmac_sha256_test.json", "hmac_sha512_test.json"])
    func hmac_DecidesEveryWycheproofCase(_ name: String) throws {
        let file = try WycheproofFile<WycheproofMACGroup>.load(name)
        var counts: [WycheproofResult: Int] = [:]
        for group in file.testGroups {
            for test in group.tests {
                counts[test.result, default: 0] += 1
                #expect(test.result != .acceptable, "tcId \(test.tcId): no acceptable HMAC cases are expected")
                let key = try hexBytes(test.key)
                let message = try hexBytes(test.msg)
                let tag = try hexBytes(test.tag)
                #expect(key.count * 8 == group.keySize)
                let mac: [UInt8]
                let isFullLength: Bool
                switch file.algorithm {
                case "HMACSHA256":
                    mac = HMAC<SHA256>.authenticationCode(for: message, using: key)
                    isFullLength = group.tagSize == 256
                    #expect(
                        HMAC<SHA256>.isValidAuthenticationCode(tag, authenticating: message, using: key)
                            == (test.result == .valid && isFullLength), "tcId \(test.tcId): \(test.comment)")
                case "HMACSHA512":
                    mac = HMAC<SHA512>.authenticationCode(for: message, using: key)
                    isFullLength = group.tagSize == 512
                    #expect(
                        HMAC<SHA512>.isValidAuthenticationCode(tag, authenticating: message, using: key)
                            == (test.result == .valid && isFullLength), "tcId \(test.tcId): \(test.comment)")
                default:
                    Issue.record("unknown algorithm \(file.algorithm)")
                    return
                }
                // Truncated tags (RFC 2104 §5) are checked the documented way: compare the prefix in constant time.
                let prefix = Array(mac.prefix(group.tagSize / 8))
                #expect(
                    ConstantTime.equals(prefix, tag) == (test.result == .valid),
                    "tcId \(test.tcId) \(test.result) \(test.flags): \(test.comment)")
            }
        }
        #expect(counts.values.reduce(0, +) == file.numberOfTests)
        #expect(counts[.valid, default: 0] > 0)
        #expect(counts[.invalid, default: 0] > 0)
    }
}
