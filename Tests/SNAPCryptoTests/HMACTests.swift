import SNAPCrypto
import Testing

/// One RFC 4231 test case for one hash function.
struct HMACVector: Decodable, Sendable, CustomTestStringConvertible {
    var tcId: Int
    var rfcCase: Int
    var algorithm: String
    var comment: String
    var key: String
    var data: String
    var mac: String
    /// Set for RFC 4231 test case 5, which lists only the leading bytes of the MAC.
    var truncatedByteCount: Int?

    var testDescription: String { "tcId \(tcId): RFC 4231 case \(rfcCase) \(algorithm) (\(comment))" }
}

/// Computes a MAC with the HMAC variant named in a vector file.
func authenticationCode(algorithm: String, key: [UInt8], data: [UInt8]) throws -> [UInt8] {
    switch algorithm {
    case "HMAC-SHA256": HMAC<SHA256>.authenticationCode(for: data, using: key)
    case "HMAC-SHA512": HMAC<SHA512>.authenticationCode(for: data, using: key)
    default: throw UnknownAlgorithm(name: algorithm)
    }
}

@Suite struct HMACTests {
    static let vectors: [HMACVector] = (try? Vectors.tests(HMACVector.self, from: "hmac-rfc4231.json")) ?? []

    @Test func vectorFile_HasCases1Through7ForBothHashes_WhenLoaded() {
        #expect(Self.vectors.count == 14)
        #expect(Set(Self.vectors.map(\.rfcCase)) == Set(1...7))
    }

    @Test(arguments: vectors)
    func authenticationCode_MatchesRFC4231_WhenComputedInOneCall(_ vector: HMACVector) throws {
        let mac = try authenticationCode(
            algorithm: vector.algorithm,
            key: hexBytes(vector.key),
            data: hexBytes(vector.data)
        )
        let expected = try hexBytes(vector.mac)
        if let truncated = vector.truncatedByteCount {
            #expect(Array(mac.prefix(truncated)) == expected)
        } else {
            #expect(mac == expected)
        }
    }

    @Test(arguments: vectors.filter { $0.algorithm == "HMAC-SHA512" })
    func update_MatchesOneShot_WhenDataIsFedInPieces(_ vector: HMACVector) throws {
        let key = try hexBytes(vector.key)
        let data = try hexBytes(vector.data)
        var hmac = HMAC<SHA512>(key: key)
        for byte in data {
            hmac.update(data: [byte])
        }
        #expect(hmac.finalize() == HMAC<SHA512>.authenticationCode(for: data, using: key))
    }

    @Test(arguments: vectors.filter { $0.truncatedByteCount == nil })
    func isValidAuthenticationCode_AcceptsOnlyTheExactMAC(_ vector: HMACVector) throws {
        let key = try hexBytes(vector.key)
        let data = try hexBytes(vector.data)
        let mac = try hexBytes(vector.mac)
        func check<H: HashFunction>(_: H.Type) {
            #expect(HMAC<H>.isValidAuthenticationCode(mac, authenticating: data, using: key))
            for index in [0, mac.count / 2, mac.count - 1] {
                var flipped = mac
                flipped[index] ^= 0x01
                #expect(!HMAC<H>.isValidAuthenticationCode(flipped, authenticating: data, using: key))
            }
            #expect(!HMAC<H>.isValidAuthenticationCode(Array(mac.dropLast()), authenticating: data, using: key))
            #expect(!HMAC<H>.isValidAuthenticationCode([], authenticating: data, using: key))
            #expect(!HMAC<H>.isValidAuthenticationCode(mac, authenticating: data + [0], using: key))
            // Not `key + [0]`: HMAC zero-pads short keys, so a trailing zero byte gives the same MAC (RFC 2104 §2).
            #expect(!HMAC<H>.isValidAuthenticationCode(mac, authenticating: data, using: key + [1]))
        }
        switch vector.algorithm {
        case "HMAC-SHA256": check(SHA256.self)
        default: check(SHA512.self)
        }
    }

    @Test func finalize_CanBeRepeatedAndContinued_WhenKeyedValueIsReused() {
        let key = Array("key".utf8)
        var hmac = HMAC<SHA256>(key: key)
        let keyed = hmac
        hmac.update(data: "hello ".utf8)
        let partial = hmac.finalize()
        #expect(hmac.finalize() == partial)
        hmac.update(data: "world".utf8)
        #expect(hmac.finalize() == HMAC<SHA256>.authenticationCode(for: "hello world".utf8, using: key))
        var other = keyed
        other.update(data: "hello ".utf8)
        #expect(other.finalize() == partial)
    }

    @Test func authenticationCode_HasDigestLength_ForEmptyKeyAndMessage() {
        #expect(HMAC<SHA256>.authenticationCode(for: [], using: []).count == 32)
        #expect(HMAC<SHA384>.authenticationCode(for: [], using: []).count == 48)
        #expect(HMAC<SHA512>.authenticationCode(for: [], using: []).count == 64)
    }
}
