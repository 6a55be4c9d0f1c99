import SNAPCrypto
import Testing

/// The SNAP symmetric-signature worked example (HMAC-SHA512 over the string-to-sign).
struct SNAPHMACVector: Decodable, Sendable, CustomTestStringConvertible {
    var tcId: Int
    var comment: String
    var clientSecret: String
    var httpMethod: String
    var endpointUrl: String
    var accessToken: String
    var timestamp: String
    var body: String
    var bodySHA256Hex: String
    var stringToSign: String
    var signatureBase64: String

    var testDescription: String { "tcId \(tcId): \(comment)" }
}

@Suite struct SNAPSignatureVectorTests {
    static let vectors: [SNAPHMACVector] = (try? Vectors.tests(SNAPHMACVector.self, from: "snap-hmac.json")) ?? []

    @Test func vectorFile_HasTheSNAPExample_WhenLoaded() {
        #expect(Self.vectors.count == 1)
    }

    @Test(arguments: vectors)
    func bodyDigest_IsLowercaseHexSHA256_OfMinifiedBody(_ vector: SNAPHMACVector) {
        #expect(Hex.encode(SHA256.hash(data: vector.body.utf8)) == vector.bodySHA256Hex)
        #expect(vector.bodySHA256Hex == "01463f60dbb6ca538581579dd95b31c8ba9fc6600eca750e4d8460ca4e402111")
    }

    @Test(arguments: vectors)
    func stringToSign_JoinsMethodPathTokenDigestAndTimestampWithColons(_ vector: SNAPHMACVector) {
        let digest = Hex.encode(SHA256.hash(data: vector.body.utf8))
        let built = [vector.httpMethod, vector.endpointUrl, vector.accessToken, digest, vector.timestamp]
            .joined(separator: ":")
        #expect(built == vector.stringToSign)
    }

    @Test(arguments: vectors)
    func signature_IsBase64HMACSHA512_OfStringToSign(_ vector: SNAPHMACVector) throws {
        let key = Array(vector.clientSecret.utf8)
        let mac = HMAC<SHA512>.authenticationCode(for: vector.stringToSign.utf8, using: key)
        #expect(Base64.encode(mac) == vector.signatureBase64)
        #expect(
            vector.signatureBase64
                == "wmzT7yjg1SxxCsxNsFgCR9SYXiZGGbceF6fV8xe97sAMHxZ+7OEBMIBmvb6Sj6GcksGp3iv77DiomgSbcST3XQ=="
        )
        let received = try #require(Base64.decode(vector.signatureBase64))
        #expect(HMAC<SHA512>.isValidAuthenticationCode(received, authenticating: vector.stringToSign.utf8, using: key))
        #expect(
            !HMAC<SHA512>.isValidAuthenticationCode(
                received, authenticating: vector.stringToSign.utf8, using: key + [0x21]))
    }
}
