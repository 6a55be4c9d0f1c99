import SNAPCrypto
import Testing

/// One AES-128-CBC case: key, IV, plaintext and ciphertext in hex.
struct AESVector: Decodable, Sendable, CustomTestStringConvertible {
    var tcId: Int
    var name: String
    var key: String
    var iv: String
    var plaintext: String
    var ciphertext: String

    var testDescription: String { "tcId \(tcId): \(name)" }
}

@Suite struct AESTests {
    static let nist: [AESVector] = (try? Vectors.tests(AESVector.self, from: "aes/aes128-nist.json")) ?? []
    static let openssl: [AESVector] = (try? Vectors.tests(AESVector.self, from: "aes/aes128-cbc-openssl.json")) ?? []

    @Test func vectorFiles_HoldTheNISTAndOpenSSLCases_WhenLoaded() {
        #expect(Self.nist.count == 2)
        #expect(Self.openssl.count == 6)
    }

    @Test(arguments: nist)
    func cbcWithoutPadding_MatchesNIST_BothWays(_ vector: AESVector) throws {
        let cbc = try AES128.CBC(key: hexBytes(vector.key), iv: hexBytes(vector.iv))
        var data = try hexBytes(vector.plaintext)
        cbc.encryptBlocks(&data)
        #expect(Hex.encode(data) == vector.ciphertext)
        #expect(Hex.encode(try cbc.decryptBlocks(hexBytes(vector.ciphertext))) == vector.plaintext)
    }

    @Test func blockCipher_MatchesFIPS197AppendixC1_InBothDirections() throws {
        let cipher = try AES128(key: hexBytes("000102030405060708090a0b0c0d0e0f"))
        var block = try hexBytes("00112233445566778899aabbccddeeff")
        cipher.encrypt(block: &block)
        #expect(Hex.encode(block) == "69c4e0d86a7b0430d8cdb78070b4c55a")
        cipher.decrypt(block: &block)
        #expect(Hex.encode(block) == "00112233445566778899aabbccddeeff")
    }

    @Test(arguments: openssl)
    func cbcWithPKCS7_MatchesOpenSSL_BothWays(_ vector: AESVector) throws {
        let cbc = try AES128.CBC(key: hexBytes(vector.key), iv: hexBytes(vector.iv))
        #expect(Hex.encode(cbc.encrypt(try hexBytes(vector.plaintext))) == vector.ciphertext)
        #expect(Hex.encode(try cbc.decrypt(hexBytes(vector.ciphertext))) == vector.plaintext)
    }

    @Test func decrypt_RoundTripsEveryLengthUpToThreeBlocks() throws {
        let cbc = try AES128.CBC(key: Array("snapsim-doku-sec".utf8), iv: Array(repeating: 7, count: 16))
        for length in 0...48 {
            let plaintext = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37) }
            let ciphertext = cbc.encrypt(plaintext)
            #expect(ciphertext.count == (length / 16 + 1) * 16)
            #expect(try cbc.decrypt(ciphertext) == plaintext)
        }
    }

    @Test func decrypt_RefusesAWrongKey_WithInvalidPadding() throws {
        let plaintext = Array("{\"bankCardNo\":\"5264221038423310\"}".utf8)
        let iv = [UInt8](repeating: 1, count: 16)
        let ciphertext = try AES128.CBC(key: Array("snapsim-doku-sec".utf8), iv: iv).encrypt(plaintext)
        let wrong = try AES128.CBC(key: Array("another-secret!!".utf8), iv: iv)
        // A wrong key almost always breaks the padding; when it happens not to, the bytes still differ.
        do {
            let decrypted = try wrong.decrypt(ciphertext)
            #expect(decrypted != plaintext)
        } catch {
            #expect(error == .invalidPadding)
        }
    }

    @Test func malformedInputs_AreTypedErrors() throws {
        #expect(throws: AESError.invalidKeyLength(15)) { try AES128(key: Array(repeating: 0, count: 15)) }
        #expect(throws: AESError.invalidIVLength(8)) {
            try AES128.CBC(key: Array(repeating: 0, count: 16), iv: Array(repeating: 0, count: 8))
        }
        let cbc = try AES128.CBC(key: Array(repeating: 0, count: 16), iv: Array(repeating: 0, count: 16))
        #expect(throws: AESError.invalidCiphertextLength(0)) { try cbc.decrypt([]) }
        #expect(throws: AESError.invalidCiphertextLength(17)) { try cbc.decrypt(Array(repeating: 0, count: 17)) }
        // A block whose last byte is 0 can never be valid PKCS#7.
        var block = [UInt8](repeating: 0, count: 16)
        cbc.encryptBlocks(&block)
        #expect(throws: AESError.invalidPadding) { try cbc.decrypt(block) }
    }
}
