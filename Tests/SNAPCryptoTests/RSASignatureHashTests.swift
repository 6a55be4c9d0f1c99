import SNAPCrypto
import Testing

/// The hash is part of what is signed: a signature made with one hash never verifies under another, and a key too
/// small for a hash's encoding refuses instead of trapping.
@Suite struct RSASignatureHashTests {
    @Test(arguments: [RSA.SignatureHash.sha256, .sha384, .sha512])
    func signature_VerifiesOnlyUnderTheHashItWasMadeWith(_ hash: RSA.SignatureHash) throws {
        let key = try RSAKeyFiles.all[0].privateKey()
        let message = Array("POST:/v1.0/balance-inquiry:token:abc:2024-03-05T17:37:16+07:00".utf8)
        let signature = key.signature(for: message, hash: hash)
        for other in [RSA.SignatureHash.sha256, .sha384, .sha512] {
            #expect(key.publicKey.isValidSignature(signature, for: message, hash: other) == (other == hash), "\(other)")
        }
        #expect(!key.publicKey.isValidSignature(signature, for: message + [0x20], hash: hash))
    }

    @Test func signature_DefaultsToSHA256_AsSNAPSigns() throws {
        let key = try RSAKeyFiles.all[0].privateKey()
        let message = Array("client|2024-03-05T17:37:16+07:00".utf8)
        #expect(key.signature(for: message) == key.signature(for: message, hash: .sha256))
    }

    @Test func isValidSignature_RefusesSHA512_WhenTheKeyCannotHoldItsEncoding() {
        // 512 bits = 64 bytes: room for SHA-256's 51-byte DigestInfo + 11, not for SHA-512's 83 + 11.
        var generator = SeededGenerator(seed: 512)
        let key = RSA.generatePrivateKey(bits: 512, using: &generator)
        let message = Array("abc".utf8)
        let signature = key.signature(for: message)
        #expect(key.publicKey.isValidSignature(signature, for: message))
        #expect(!key.publicKey.isValidSignature(signature, for: message, hash: .sha512))
        #expect(!key.publicKey.isValidSignature(signature, for: message, hash: .sha384))
    }
}
